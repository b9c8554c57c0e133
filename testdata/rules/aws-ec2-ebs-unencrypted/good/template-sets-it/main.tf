# The instance inherits its launch template's encrypted root device.
resource "aws_launch_template" "app" {
  name          = "app"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}

resource "aws_instance" "by_id" {
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_instance" "by_name" {
  launch_template {
    name = "app"
  }
}
