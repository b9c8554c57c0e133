# No root block device written, and nothing here turns on EBS encryption by
# default: the root volume is the AMI snapshot's, unencrypted for most AMIs.
resource "aws_instance" "web" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_template" "bare" {
  name_prefix   = "bare-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"
}

# Launched from a template of this configuration that does not set it either.
resource "aws_instance" "from_template" {
  launch_template {
    id      = aws_launch_template.bare.id
    version = "$Latest"
  }
}
