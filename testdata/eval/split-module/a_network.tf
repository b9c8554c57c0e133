# Declares nothing: evaluated on its own, after the files that declare.
resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = local.ssh_port
    to_port     = local.ssh_port
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
