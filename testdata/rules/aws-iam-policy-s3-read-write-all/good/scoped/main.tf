resource "aws_iam_role_policy" "sync" {
  role = aws_iam_role.sync.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:Get*", "s3:Put*"], Resource = ["arn:aws:s3:::sync", "arn:aws:s3:::sync/*"] },
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::logs/*" },
      { Effect = "Deny", Action = ["s3:Get*", "s3:Put*"], Resource = "*" },
    ]
  })
}
