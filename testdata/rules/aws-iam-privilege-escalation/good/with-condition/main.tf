# Roles it creates or changes must carry the permissions boundary.
resource "aws_iam_role_policy" "platform" {
  role = "platform"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
      Resource  = "*"
      Condition = { StringEquals = { "iam:PermissionsBoundary" = "arn:aws:iam::123456789012:policy/boundary" } }
    }]
  })
}
