variable "encrypt_volumes" {
  description = "Encrypt the EBS volumes of the app servers"
  type        = bool
  default     = true
}
