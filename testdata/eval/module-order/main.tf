# Terraform evaluates module calls in the order their references give, not in
# the order they are written: `relay` and `relay_local` pass on `network`'s
# outputs (directly, and through a local), though `network` is declared after
# them, in a later file.
module "relay" {
  source = "./relay"
  cidr   = module.network.admin_cidr
}

module "relay_local" {
  source = "./relay"
  cidr   = local.ssh_cidr
}

locals {
  ssh_cidr = module.network.admin_cidrs.ssh
}

resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.relay.cidr]
  }
}

resource "aws_security_group" "rdp" {
  name = "rdp"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = [module.relay_local.cidr]
  }
}

# The local itself, read after every module call is bound.
resource "aws_security_group" "direct" {
  name = "direct"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [local.ssh_cidr]
  }
}
