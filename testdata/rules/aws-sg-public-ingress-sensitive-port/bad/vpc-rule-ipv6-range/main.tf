resource "aws_vpc_security_group_ingress_rule" "legacy" {
  security_group_id = aws_security_group.legacy.id
  cidr_ipv6         = "::/0"
  from_port         = 20
  to_port           = 23
  ip_protocol       = "tcp"
}
