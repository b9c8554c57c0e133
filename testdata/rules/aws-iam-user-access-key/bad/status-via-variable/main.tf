variable "key_status" {
  type    = string
  default = "Active"
}

resource "aws_iam_access_key" "backup" {
  user   = aws_iam_user.backup.name
  status = var.key_status
}
