variable "listener_protocol" {
  type = string
}

variable "internal" {
  type = bool
}

resource "aws_lb" "web" {
  name     = "web"
  internal = var.internal
  subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8080
  protocol          = var.listener_protocol

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}
