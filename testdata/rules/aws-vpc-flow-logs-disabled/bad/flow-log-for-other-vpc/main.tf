resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}

resource "aws_vpc" "shared" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "shared" {
  vpc_id          = aws_vpc.shared.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = aws_iam_role.flow.arn
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}
