variable "secret_arn" {
  type = string
}

resource "aws_secretsmanager_secret" "database" {
  name = "app/database"
}

# Which secret this rotates is only known at apply time.
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = var.secret_arn
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
  }
}
