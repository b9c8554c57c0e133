variable "retention_days" {
  type = number
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "unknown" {
  name              = "/unknown"
  retention_in_days = var.retention_days
}

# Never expiring: aws-cloudwatch-log-retention-unset reports these.
resource "aws_cloudwatch_log_group" "forever" {
  name              = "/forever"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "unset" {
  name = "/unset"
}

resource "aws_cloudwatch_log_group" "nulled" {
  name              = "/nulled"
  retention_in_days = null
}

# The DELIVERY class has a fixed retention of its own.
resource "aws_cloudwatch_log_group" "delivery" {
  name              = "/delivery"
  log_group_class   = "DELIVERY"
  retention_in_days = 2
}
