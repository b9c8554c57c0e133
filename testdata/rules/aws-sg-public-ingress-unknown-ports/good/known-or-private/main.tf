# Known ports, ICMP, every protocol (reported by aws-sg-public-ingress-all),
# and Unknown ports from a private range or an Unknown source.
variable "port" {
  type = number
}

variable "source_cidr" {
  type = string
}

resource "aws_security_group" "known" {
  name = "known"
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    protocol    = "icmp"
    from_port   = var.port
    to_port     = -1
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    protocol    = "-1"
    from_port   = var.port
    to_port     = var.port
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_security_group_rule" "private" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_vpc_security_group_ingress_rule" "unknown_source" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = var.source_cidr
}
