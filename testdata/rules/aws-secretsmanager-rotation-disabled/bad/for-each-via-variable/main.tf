variable "secret_names" {
  type    = list(string)
  default = ["app/session-key", "app/smtp-password"]
}

resource "aws_secretsmanager_secret" "app" {
  for_each = toset(var.secret_names)
  name     = each.value
}
