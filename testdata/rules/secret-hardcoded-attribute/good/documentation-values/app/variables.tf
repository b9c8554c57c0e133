variable "terraform_token" {
  type      = string
  sensitive = true
}
variable "auth_oidc_client_secret" {}
variable "githubAppPrivateKey" {}
variable "db_password" {
  type    = string
  default = null
}
