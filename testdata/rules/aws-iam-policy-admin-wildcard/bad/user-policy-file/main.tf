resource "aws_iam_user_policy" "legacy" {
  name   = "legacy"
  user   = aws_iam_user.legacy.name
  policy = file("${path.module}/policies/legacy.json")
}
