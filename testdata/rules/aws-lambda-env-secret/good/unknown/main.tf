variable "api_token" {
  type      = string
  sensitive = true
}

variable "extra_env" {
  type = map(string)
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      API_TOKEN   = var.api_token
      DB_PASSWORD = random_password.db.result
    }
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "build/worker.zip"

  environment {
    variables = var.extra_env
  }
}
