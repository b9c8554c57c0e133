variable "invoker" {
  type    = string
  default = "*"
}

resource "aws_lambda_permission" "invoke" {
  statement_id  = "AllowInvoke"
  function_name = aws_lambda_function.api.function_name
  principal     = var.invoker
}
