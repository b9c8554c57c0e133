resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_iam_group_policy" "deploy" {
  name  = "deploy"
  group = aws_iam_group.deployers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::acme-site/*" }]
  })
}

resource "aws_iam_user_group_membership" "deploy" {
  user   = aws_iam_user.deploy.name
  groups = [aws_iam_group.deployers.name]
}
