variable "admin_cidr" {
  default = "0.0.0.0/0"
}
