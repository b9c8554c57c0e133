resource "aws_ami_launch_permission" "public" {
  image_id = aws_ami_copy.app.id
  group    = "all"
}
