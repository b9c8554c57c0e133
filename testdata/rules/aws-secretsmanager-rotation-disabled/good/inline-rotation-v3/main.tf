resource "aws_secretsmanager_secret" "database" {
  name                = "app/database"
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
  }
}
