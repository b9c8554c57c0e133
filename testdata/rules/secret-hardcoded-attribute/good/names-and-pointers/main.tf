# Names that contain "secret" or "token" but hold no credential, and values
# that point at a secret instead of being one.
resource "aws_efs_file_system" "data" {
  creation_token = "app-data-efs"
}

module "service" {
  source               = "./service"
  db_secret_arn        = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  api_key              = "app/prod/api-key"
  slack_token          = "/service/slack-token"
  secrets              = "20"
  encryption_key       = "123456789"
  kms_secret_key       = "alias/app-secrets"
  connection_string    = "postgres://app:@db.internal:5432/app"
}
