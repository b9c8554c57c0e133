resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = var.egress_cidr
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "all_tcp" {
  type              = "egress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = [var.egress_cidr]
}
