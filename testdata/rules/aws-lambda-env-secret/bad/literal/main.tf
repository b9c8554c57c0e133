resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      FLASK_ENV        = "production"
      FLASK_SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
      DATABASE_URL     = "postgresql://app:Hum4nG0v!2024@db.internal:5432/app"
    }
  }
}
