resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0a3d5b6c7e8f90123"
}
