variable "drop_invalid_headers" {
  type    = bool
  default = false
}

resource "aws_alb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  drop_invalid_header_fields = var.drop_invalid_headers
}
