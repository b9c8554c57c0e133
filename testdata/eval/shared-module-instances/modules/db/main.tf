variable "name" {
  type = string
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  publicly_accessible = true
  storage_encrypted   = true
}
