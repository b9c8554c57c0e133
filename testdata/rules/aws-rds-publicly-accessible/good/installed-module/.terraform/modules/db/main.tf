variable "identifier" {
  type = string
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 7
  publicly_accessible     = var.publicly_accessible
}
