variable "name" {
  type = string
}

resource "aws_db_instance" "this" {
  count               = 1
  identifier          = var.name
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
