# Write-only arguments given an ephemeral or apply-time value.
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

ephemeral "random_password" "db" {
  length = 32
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password_wo         = ephemeral.random_password.db.result
  password_wo_version = 1
  storage_encrypted   = true
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id                = "prod/db"
  secret_string_wo         = var.db_password
  secret_string_wo_version = 2
}
