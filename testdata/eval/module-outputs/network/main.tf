variable "environment" {
  type = string
}

locals {
  admin_cidrs = {
    dev  = "0.0.0.0/0"
    prod = "10.0.0.0/8"
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "admin_cidr" {
  value = local.admin_cidrs[var.environment]
}
