resource "aws_secretsmanager_secret" "app" {
  for_each = toset(["app/session-key", "app/smtp-password"])
  name     = each.value
}

resource "aws_secretsmanager_secret_rotation" "app" {
  for_each            = aws_secretsmanager_secret.app
  secret_id           = aws_secretsmanager_secret.app[each.key].id
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
  }
}
