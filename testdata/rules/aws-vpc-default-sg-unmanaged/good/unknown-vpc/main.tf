# Which VPC the default group belongs to is known at apply time only: it may be this one.
variable "vpc_id" {
  type = string
}

resource "aws_vpc" "app" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_default_security_group" "app" {
  vpc_id = var.vpc_id
}
