variable "policy_arns" {
  type = map(string)
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = var.policy_arns
  role       = "ops"
  policy_arn = each.value
}
