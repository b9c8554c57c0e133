resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "application"
  subnets            = var.subnets
}

variable "subnets" {
  type = list(string)
}
