resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
  subnets            = var.subnets
  internal           = false
}

variable "subnets" {
  type = list(string)
}
