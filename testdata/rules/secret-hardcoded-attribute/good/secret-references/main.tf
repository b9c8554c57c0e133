# Names that look like secrets but hold references or settings.
resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = data.aws_secretsmanager_random_password.db.random_password
}

resource "aws_iam_user_login_profile" "ops" {
  user                    = "ops"
  password_length         = 24
  password_reset_required = true
}
