locals {
  root_volume = {
    size      = 16
    encrypted = false
  }
}

resource "aws_launch_configuration" "legacy" {
  name_prefix   = "legacy-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  root_block_device {
    volume_size = local.root_volume.size
    encrypted   = local.root_volume.encrypted
  }
}
