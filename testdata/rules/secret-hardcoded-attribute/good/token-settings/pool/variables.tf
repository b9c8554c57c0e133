variable "default_client_token_validity_units" {
  type    = any
  default = null
}
