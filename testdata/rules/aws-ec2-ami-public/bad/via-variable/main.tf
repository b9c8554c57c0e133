variable "ami_share_group" {
  type    = string
  default = "all"
}

resource "aws_ami_launch_permission" "share" {
  image_id = "ami-0a3d5b6c7e8f90123"
  group    = var.ami_share_group
}
