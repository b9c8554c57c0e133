variable "public" {
  default = false
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = var.public
  storage_encrypted   = true
}
