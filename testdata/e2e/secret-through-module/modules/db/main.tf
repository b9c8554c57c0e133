variable "password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  username          = "app"
  password          = var.password
}
