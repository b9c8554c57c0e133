resource "aws_vpc_security_group_ingress_rule" "mysql" {
  security_group_id = aws_security_group.db.id
  cidr_ipv6         = "::/0"
  from_port         = 3306
  to_port           = 3306
  ip_protocol       = "tcp"
}
