variable "log_retention_days" {
  type = number
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = var.log_retention_days
}
