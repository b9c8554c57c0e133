resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "application"
  subnets            = var.subnets
  internal           = true
}

variable "subnets" {
  type = list(string)
}
