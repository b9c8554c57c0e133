variable "admin_cidr" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "winrm" {
  security_group_id = aws_security_group.windows.id
  cidr_ipv4         = var.admin_cidr
  from_port         = 5985
  to_port           = 5986
  ip_protocol       = "tcp"
}

resource "aws_security_group_rule" "vnc" {
  type              = "ingress"
  security_group_id = aws_security_group.desktop.id
  from_port         = var.vnc_port
  to_port           = var.vnc_port
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

variable "vnc_port" {
  type = number
}
