resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 16
      volume_type = "gp3"
      encrypted   = var.encrypt_volumes
    }
  }
}
