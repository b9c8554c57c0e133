resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  iam_instance_profile {
    name = "app"
  }
}
