variable "share_group" {
  type = string
}

resource "aws_ami_launch_permission" "share" {
  image_id = aws_ami_copy.app.id
  group    = var.share_group
}
