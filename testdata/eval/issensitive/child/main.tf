variable "name" {
  type = string
}

resource "aws_db_instance" "child" {
  publicly_accessible = !issensitive(var.name)
  storage_encrypted   = true
}
