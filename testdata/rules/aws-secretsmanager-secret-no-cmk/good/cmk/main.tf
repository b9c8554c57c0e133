resource "aws_kms_key" "secrets" {
  description         = "Secrets"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "database" {
  name       = "app/database"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret" "api" {
  name       = "app/api"
  kms_key_id = "alias/app-secrets"
}
