locals {
  public_api = true
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = local.public_api ? "NONE" : "AWS_IAM"
}
