# Unknown here, but each value is a secret, written in plain text into the
# function's configuration at apply time.
variable "stripe_api_key" {
  type      = string
  sensitive = true
}

resource "random_password" "db" {
  length = 32
}

data "aws_secretsmanager_secret_version" "jwt" {
  secret_id = "prod/jwt"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      DB_PASSWORD    = random_password.db.result
      ADMIN_PASSWORD = aws_db_instance.main.password
      JWT_SECRET     = data.aws_secretsmanager_secret_version.jwt.secret_string
      STRIPE_API_KEY = var.stripe_api_key
      DATABASE_URL   = "postgresql://app:${random_password.db.result}@${aws_db_instance.main.address}:5432/app"
    }
  }
}
