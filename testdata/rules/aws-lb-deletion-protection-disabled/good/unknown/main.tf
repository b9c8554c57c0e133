variable "deletion_protection" {
  type = bool
}

resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  enable_deletion_protection = var.deletion_protection
}
