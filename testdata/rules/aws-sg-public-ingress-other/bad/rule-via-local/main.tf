locals {
  everyone = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "grafana" {
  security_group_id = aws_security_group.monitoring.id
  cidr_ipv4         = local.everyone
  from_port         = 3000
  to_port           = 3000
  ip_protocol       = "tcp"
}
