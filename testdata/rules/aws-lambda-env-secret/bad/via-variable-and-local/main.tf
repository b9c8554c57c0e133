variable "stripe_key" {
  type    = string
  default = "sk_live_4eC39HqLyjWDarjtT1zdp7dc00"
}

locals {
  db_password = "Tr0ub4dor&3-app"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"

  environment {
    variables = {
      STRIPE_API_KEY = var.stripe_key
      DATABASE_URL   = "postgresql://app:${local.db_password}@${aws_db_instance.main.address}:5432/app"
    }
  }
}
