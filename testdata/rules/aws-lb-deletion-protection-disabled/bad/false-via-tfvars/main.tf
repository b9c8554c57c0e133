variable "deletion_protection" {
  type    = bool
  default = true
}

resource "aws_alb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  enable_deletion_protection = var.deletion_protection
}
