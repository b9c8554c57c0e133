variable "create" {
  default = false
}

resource "aws_db_instance" "maybe" {
  count               = var.create ? 1 : 0
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
