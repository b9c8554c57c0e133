resource "aws_iam_group" "platform" {
  name = "platform"
}

resource "aws_iam_group_policy_attachments_exclusive" "platform" {
  group_name = aws_iam_group.platform.name
  policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
}
