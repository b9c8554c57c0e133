resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "/app/short"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "enough" {
  name              = "/app/enough"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.logs.arn
}
