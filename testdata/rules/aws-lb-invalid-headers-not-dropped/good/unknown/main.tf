variable "lb_type" {
  type = string
}

variable "drop" {
  type = bool
}

resource "aws_lb" "any" {
  name               = "any"
  load_balancer_type = var.lb_type
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  drop_invalid_header_fields = var.drop
}
