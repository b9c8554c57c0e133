locals {
  admin_cidr = "0.0.0.0/0"
}
