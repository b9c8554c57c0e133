variable "auditors" {
  type    = list(string)
  default = ["alice", "bob"]
}

resource "aws_iam_policy_attachment" "audit" {
  name       = "audit"
  users      = var.auditors
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
