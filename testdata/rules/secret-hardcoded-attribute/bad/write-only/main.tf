# Write-only arguments keep the value out of the state, not out of the repository.
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password_wo         = "Wr1te-0nly-Pa55"
  password_wo_version = 1
  storage_encrypted   = true
}

resource "aws_ssm_parameter" "api" {
  name             = "/app/endpoint"
  type             = "SecureString"
  value_wo         = "tok-9f8e7d6c5b4a"
  value_wo_version = 1
}
