variable "actions" {
  type = list(string)
}

resource "aws_iam_role_policy" "sync" {
  role = aws_iam_role.sync.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = concat(["s3:Get*"], var.actions), Resource = "*" }]
  })
}
