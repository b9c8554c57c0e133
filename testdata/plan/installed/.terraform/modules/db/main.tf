variable "public" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = var.public
}
