# Seed and test values that are not credentials (each was a false alarm on real code).
resource "aws_secretsmanager_secret_version" "seed" {
  secret_id     = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({ username = "", password = "" })
}

resource "aws_secretsmanager_secret_version" "empty" {
  secret_id     = aws_secretsmanager_secret.other.id
  secret_string = "{}"
}

resource "aws_db_instance" "console" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = "CHANGE_ME_IN_THE_CONSOLE"
}

module "app" {
  source        = "./app"
  db_password   = "changeme"
  api_token     = "placeholder-token"
  client_secret = "client-secret"
  auth_token    = "This value is managed outside of Terraform"
  secret_key    = "mock_secret_key"
}
