variable "rdp_source" {
  type = string
}
