variable "password_setting" {}

resource "aws_iam_account_password_policy" "strict" {
  allow_users_to_change_password = true
  password_reuse_prevention      = var.password_setting
}
