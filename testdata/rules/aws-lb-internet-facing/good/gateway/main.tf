resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "gateway"
  subnets            = var.subnets
}

variable "subnets" {
  type = list(string)
}
