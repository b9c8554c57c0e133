variable "runtime" {
  default = "nodejs16.x"
}

resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::111122223333:role/resize"
  handler       = "index.handler"
  runtime       = var.runtime
  filename      = "resize.zip"
}
