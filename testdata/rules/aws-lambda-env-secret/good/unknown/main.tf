# Values computed at apply time that come from no secret's source (variables
# not declared sensitive): nothing to report.
variable "api_token" {
  type = string
}

variable "db_password" {
  type = string
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
      DB_PASSWORD = var.db_password
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
