resource "aws_instance" "bastion" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 20
    volume_type = "gp3"
    encrypted   = false
  }
}
