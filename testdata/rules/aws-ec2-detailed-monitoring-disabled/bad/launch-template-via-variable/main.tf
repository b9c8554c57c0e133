variable "detailed_monitoring" {
  type    = bool
  default = false
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0a3d5b6c7e8f90123"

  monitoring {
    enabled = var.detailed_monitoring
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id          = "ami-0a3d5b6c7e8f90123"
  instance_type     = "t3.small"
  enable_monitoring = var.detailed_monitoring
}
