module "network" {
  source      = "./network"
  environment = "dev"
}

# The CIDR is decided inside the module and comes back out as an output.
resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = module.network.vpc_id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.network.admin_cidr]
  }
}
