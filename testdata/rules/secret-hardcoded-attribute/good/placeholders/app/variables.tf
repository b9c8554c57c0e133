variable "db_password" {}
variable "api_token" {}
variable "client_secret" {}
variable "auth_token" {}
variable "secret_key" {}
