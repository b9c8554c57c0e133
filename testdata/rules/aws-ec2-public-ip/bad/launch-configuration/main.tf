resource "aws_launch_configuration" "legacy" {
  name_prefix                 = "legacy-"
  image_id                    = "ami-0a3d5b6c7e8f90123"
  instance_type               = "t3.small"
  associate_public_ip_address = true
}
