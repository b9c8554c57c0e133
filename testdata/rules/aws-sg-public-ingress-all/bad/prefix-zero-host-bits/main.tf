# A prefix length of 0 is the whole internet whatever the host bits.
resource "aws_security_group" "v4" {
  name = "v4"
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "v6" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  cidr_ipv6         = "::1/0"
}
