resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = var.vpc_id
}

variable "vpc_id" {
  type = string
}
