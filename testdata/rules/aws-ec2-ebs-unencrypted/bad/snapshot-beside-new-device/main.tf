# One device restored from a snapshot, another created empty: the empty one
# is unencrypted.
resource "aws_launch_configuration" "workers" {
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "m5.large"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    snapshot_id = "snap-0123456789abcdef0"
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    volume_size = 100
  }
}
