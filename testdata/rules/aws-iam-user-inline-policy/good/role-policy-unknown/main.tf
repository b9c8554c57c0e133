variable "policy_json" {
  type = string
}

resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = var.policy_json
}
