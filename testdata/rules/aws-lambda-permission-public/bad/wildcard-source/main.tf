# A source of `*` narrows nothing.
resource "aws_lambda_permission" "any_account" {
  statement_id   = "AnyAccount"
  action         = "lambda:*"
  function_name  = aws_lambda_function.api.function_name
  principal      = "*"
  source_account = "*"
}

resource "aws_lambda_permission" "any_arn" {
  statement_id  = "AnyArn"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "*"
  source_arn    = "arn:aws:*:*:*:*"
}
