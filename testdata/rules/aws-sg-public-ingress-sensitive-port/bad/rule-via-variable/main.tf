resource "aws_security_group_rule" "smb" {
  type              = "ingress"
  security_group_id = aws_security_group.files.id
  from_port         = 445
  to_port           = 445
  protocol          = "tcp"
  cidr_blocks       = var.file_share_clients
}
