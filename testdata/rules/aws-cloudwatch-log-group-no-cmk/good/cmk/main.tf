resource "aws_kms_key" "logs" {
  description         = "Logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.logs.arn
}
