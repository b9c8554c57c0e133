variable "db_secret_arn" {}
variable "api_key" {}
variable "slack_token" {}
variable "secrets" {}
variable "encryption_key" {}
variable "kms_secret_key" {}
variable "connection_string" {}
