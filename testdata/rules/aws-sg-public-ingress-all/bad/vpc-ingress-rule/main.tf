resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.flask.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}
