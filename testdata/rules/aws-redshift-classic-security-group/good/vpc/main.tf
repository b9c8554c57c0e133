resource "aws_security_group" "warehouse" {
  name        = "warehouse"
  description = "Redshift clients"
  vpc_id      = var.vpc_id
}

variable "vpc_id" {
  type = string
}
