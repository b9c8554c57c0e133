variable "peer_cidr" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "peer" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = var.peer_cidr
  ip_protocol       = "-1"
}
