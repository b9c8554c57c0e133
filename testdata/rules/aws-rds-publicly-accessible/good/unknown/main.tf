# The value is only known at apply time: never a finding.
variable "public" {
  type = bool
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.public
}
