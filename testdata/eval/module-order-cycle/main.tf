# Calls that read each other's outputs: a cycle, which Terraform refuses.
# Both are evaluated in the order written, once, and nothing is guessed.
module "a" {
  source = "./relay"
  cidr   = module.b.cidr
}

module "b" {
  source = "./relay"
  cidr   = module.a.cidr
}

resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.a.cidr, module.b.cidr]
  }
}
