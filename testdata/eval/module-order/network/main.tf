variable "environment" {
  type = string
}

locals {
  admin_cidrs = {
    dev  = "0.0.0.0/0"
    prod = "10.0.0.0/8"
  }
}

output "admin_cidr" {
  value = local.admin_cidrs[var.environment]
}

output "admin_cidrs" {
  value = {
    ssh = local.admin_cidrs[var.environment]
    rdp = local.admin_cidrs["prod"]
  }
}
