# EBS encryption by default is turned on in this configuration.
resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_instance" "web" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "bare" {
  name_prefix = "bare-"
  image_id    = "ami-0a3d5b6c7e8f90123"
}
