variable "allowed_cidrs" {
  type = list(string)
}

resource "aws_security_group_rule" "app" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 8443
  to_port           = 8443
  protocol          = "tcp"
  cidr_blocks       = var.allowed_cidrs
}
