resource "aws_iam_account_password_policy" "strict" {
  allow_users_to_change_password = true
}
