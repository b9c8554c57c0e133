resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      FLASK_ENV        = "production"
      DB_SECRET_ARN    = aws_secretsmanager_secret.db.arn
      SECRET_NAME      = "app/flask-secret-key"
      DATABASE_URL     = "postgresql://${aws_db_instance.main.address}:5432/app"
      PASSWORD_MIN_LEN = "12"
    }
  }
}
