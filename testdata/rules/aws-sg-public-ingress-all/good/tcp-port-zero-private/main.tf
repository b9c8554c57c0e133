# -1 to -1 from a private range is not the internet.
resource "aws_security_group_rule" "rule" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = -1
  to_port           = -1
  cidr_blocks       = ["10.0.0.0/8"]
}
