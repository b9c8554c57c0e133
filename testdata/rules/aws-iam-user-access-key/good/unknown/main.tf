variable "key_status" {
  type = string
}

resource "aws_iam_access_key" "rotating" {
  user   = aws_iam_user.ci.name
  status = var.key_status
}
