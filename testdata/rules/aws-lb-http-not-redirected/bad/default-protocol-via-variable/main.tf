variable "internal" {
  type    = bool
  default = false
}

resource "aws_alb" "web" {
  name     = "web"
  internal = var.internal
  subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

# No protocol: HTTP, the default on an application load balancer.
resource "aws_alb_listener" "http" {
  load_balancer_arn = aws_alb.web.arn
  port              = 80

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.web.arn
  }
}
