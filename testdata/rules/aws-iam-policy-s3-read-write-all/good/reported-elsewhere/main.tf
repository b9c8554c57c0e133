# `s3:*` and `*` have rules of their own.
resource "aws_iam_role_policy" "admin" {
  role = aws_iam_role.admin.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:*"], Resource = "*" },
      { Effect = "Allow", Action = ["*", "s3:Get*"], Resource = "*" },
    ]
  })
}
