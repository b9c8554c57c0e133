variable "monitoring" {
  type = bool
}

resource "aws_instance" "app" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  monitoring    = var.monitoring
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0a3d5b6c7e8f90123"

  monitoring {
    enabled = var.monitoring
  }
}
