# Ports (or the protocol) known only at apply time, from the internet.
variable "port" {
  type = number
}

variable "protocol" {
  type = string
}

resource "aws_security_group" "inline" {
  name = "inline"
  ingress {
    protocol    = "tcp"
    from_port   = var.port
    to_port     = var.port
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rule" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = var.protocol
  from_port         = 0
  to_port           = 0
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "vpc" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 8000
  to_port           = aws_lb_listener.app.port
  cidr_ipv4         = "10.0.0.0/0"
}
