resource "aws_ami_launch_permission" "partner" {
  image_id   = aws_ami_copy.app.id
  account_id = "123456789012"
}

resource "aws_ami_launch_permission" "org" {
  image_id         = aws_ami_copy.app.id
  organization_arn = "arn:aws:organizations::123456789012:organization/o-abc123def4"
}
