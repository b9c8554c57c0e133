locals {
  partition    = "aws-us-gov"
  admin_policy = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy_attachment" "ops" {
  user       = aws_iam_user.ops.name
  policy_arn = local.admin_policy
}
