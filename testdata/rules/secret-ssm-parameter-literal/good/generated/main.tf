variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "db" {
  length = 32
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/app/prod/db_password"
  type  = "SecureString"
  value = random_password.db.result
}

resource "aws_ssm_parameter" "replica_password" {
  name  = "/app/prod/replica_password"
  type  = "SecureString"
  value = var.db_password
}
