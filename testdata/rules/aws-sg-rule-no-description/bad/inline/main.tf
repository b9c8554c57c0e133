resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier"

  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}
