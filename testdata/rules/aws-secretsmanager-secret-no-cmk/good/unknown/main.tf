variable "secrets_kms_key" {
  type = string
}

resource "aws_secretsmanager_secret" "database" {
  name       = "app/database"
  kms_key_id = var.secrets_kms_key
}
