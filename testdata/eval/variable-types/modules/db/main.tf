variable "name" {}

variable "public" {
  type = bool
}

# `null` from the caller means the default here.
variable "encrypted" {
  type     = bool
  default  = false
  nullable = false
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = var.public
  storage_encrypted   = var.encrypted
}
