# References to where a secret is kept (its ARN, its name), to values that
# are not secrets, and a generated value under a name that is not a secret's.
variable "db_password" {
  type = string
}

resource "random_password" "suffix" {
  length = 8
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      DB_PASSWORD_ARN = aws_secretsmanager_secret.db.arn
      DB_SECRET_NAME  = aws_secretsmanager_secret.db.name
      DB_SECRET_ID    = "${aws_secretsmanager_secret.db.id}"
      DB_PASSWORD     = var.db_password
      DB_USER         = aws_db_instance.main.username
      DATABASE_URL    = "postgresql://app@${aws_db_instance.main.endpoint}/app"
      CACHE_PREFIX    = "api-${random_password.suffix.result}"
    }
  }
}
