variable "encrypt_volumes" {
  type    = bool
  default = false
}
