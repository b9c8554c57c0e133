variable "password_setting" {}

resource "aws_iam_account_password_policy" "strict" {
  allow_users_to_change_password = true
  max_password_age               = var.password_setting
}
