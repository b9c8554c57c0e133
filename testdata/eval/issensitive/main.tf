# `issensitive` is answered where the expression decides it (checked against
# `terraform console`): a variable declared sensitive is, a root module's other
# variables are not. A database is made public by each answer.
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

# A local, or a called module's variable (its caller may pass a marked value):
# Terraform's answer depends on marks carried through evaluation, Unknown here.
locals {
  password = var.db_password
}

resource "aws_db_instance" "through_local" {
  publicly_accessible = issensitive(local.password)
  storage_encrypted   = true
}

module "child" {
  source = "./child"
  name   = var.db_password
}
