# Attached to a group and a role; the users are members of the group.
resource "aws_iam_policy_attachment" "audit" {
  name       = "audit"
  groups     = ["auditors"]
  roles      = ["audit-automation"]
  users      = []
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
