variable "public_ip" {
  type    = bool
  default = false
}
