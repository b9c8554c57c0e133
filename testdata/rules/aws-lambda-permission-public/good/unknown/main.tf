variable "invoker" {
  type = string
}

resource "aws_lambda_permission" "invoke" {
  statement_id  = "AllowInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = var.invoker
}
