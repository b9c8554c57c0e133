resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::111122223333:role/resize"
  handler       = "app.handler"
  runtime       = "python3.8"
  filename      = "resize.zip"
}
