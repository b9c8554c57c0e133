variable "log_retention_days" {
  type    = number
  default = 30
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = var.log_retention_days
}
