# `issensitive` follows Terraform's sensitivity marks (checked against
# `terraform console` in tests/sensitivity.rs): a variable declared sensitive
# is marked, a root module's other variables are not, and a local, a
# template or a function result carries the marks of what it is made of. A
# database is made public by each answer that is true.
variable "db_password" {
  type      = string
  sensitive = true
}

variable "name" {
  type    = string
  default = "orders"
}

resource "aws_db_instance" "marked" {
  publicly_accessible = issensitive(var.db_password)
  storage_encrypted   = true
}

resource "aws_db_instance" "unmarked" {
  publicly_accessible = issensitive(var.name)
  storage_encrypted   = true
}

locals {
  password = var.db_password
  url      = "postgres://app:${local.password}@db/${var.name}"
  settings = { name = var.name, password = var.db_password }
}

resource "aws_db_instance" "through_local" {
  publicly_accessible = issensitive(local.url)
  storage_encrypted   = true
}

# The map holds a marked value but is not marked itself; its other key is not.
resource "aws_db_instance" "map_itself" {
  publicly_accessible = issensitive(local.settings) || issensitive(local.settings.name)
  storage_encrypted   = true
}

# A called module's variable carries the marks its caller passed.
module "child" {
  source = "./child"
  name   = local.password
  label  = var.name
}
