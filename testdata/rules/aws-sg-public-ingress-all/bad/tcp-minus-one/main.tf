# -1 to -1 with tcp is every TCP port, in each form of an ingress rule.
resource "aws_security_group" "inline" {
  name = "inline"
  ingress {
    protocol    = "tcp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rule" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = -1
  to_port           = -1
  cidr_blocks       = ["10.1.2.3/0"]
}

resource "aws_vpc_security_group_ingress_rule" "vpc" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "udp"
  from_port         = -1
  to_port           = -1
  cidr_ipv4         = "0.0.0.0/0"
}
