variable "public_ips" {
  type    = bool
  default = false
}
