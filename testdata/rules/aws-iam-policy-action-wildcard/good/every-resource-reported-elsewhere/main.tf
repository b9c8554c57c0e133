# `*` on `*` is full administrator access: aws-iam-policy-admin-wildcard says so.
resource "aws_iam_role_policy" "admin" {
  name = "admin"
  role = aws_iam_role.admin.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
