resource "aws_secretsmanager_secret" "database" {
  name = "app/database"
}
