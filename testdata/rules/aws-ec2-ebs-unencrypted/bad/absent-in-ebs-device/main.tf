resource "aws_instance" "worker" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "m5.large"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    volume_type = "gp3"
  }
}
