locals {
  public = "true"
}

resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  network_interfaces {
    associate_public_ip_address = local.public
    security_groups             = [aws_security_group.workers.id]
  }
}
