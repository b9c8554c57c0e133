resource "aws_iam_access_key" "retired" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}
