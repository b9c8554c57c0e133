# Outbound SSH (e.g. to fetch git repositories) is not ingress.
resource "aws_security_group_rule" "git_ssh_out" {
  type              = "egress"
  security_group_id = aws_security_group.ci.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
