variable "logs_kms_key" {
  type    = string
  default = ""
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = 90
  kms_key_id        = var.logs_kms_key
}
