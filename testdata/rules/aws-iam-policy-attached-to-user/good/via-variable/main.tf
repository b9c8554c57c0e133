# Which users is known at apply time only (the list may be empty).
variable "users" {
  type = list(string)
}

resource "aws_iam_policy_attachment" "audit" {
  name       = "audit"
  groups     = ["auditors"]
  users      = var.users
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
