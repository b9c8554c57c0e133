resource "aws_instance" "web" {
  ami                         = "ami-0a3d5b6c7e8f90123"
  instance_type               = "t3.micro"
  subnet_id                   = var.private_subnet_id
  associate_public_ip_address = false
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0a3d5b6c7e8f90123"

  network_interfaces {
    security_groups = [aws_security_group.workers.id]
  }
}

variable "private_subnet_id" {
  type = string
}
