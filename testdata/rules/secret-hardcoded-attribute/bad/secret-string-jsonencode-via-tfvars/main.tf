# A committed password inside a JSON secret: the most common way secrets end
# up in `aws_secretsmanager_secret_version`.
resource "aws_secretsmanager_secret" "db" {
  name = "app/db"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({ username = "app", password = var.db_password })
}
