# The ssh submodule of terraform-aws-modules/security-group opens port 22 to
# the CIDR blocks it is given; the module is not downloaded.
module "bastion_sg" {
  source  = "terraform-aws-modules/security-group/aws//modules/ssh"
  version = "~> 5.0"

  name                = "bastion"
  vpc_id              = "vpc-0123456789abcdef0"
  ingress_cidr_blocks = var.admin_cidrs
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

# The root module, with a named rule.
module "jump_sg" {
  source = "registry.terraform.io/terraform-aws-modules/security-group/aws"

  name                = "jump"
  ingress_cidr_blocks      = ["10.0.0.0/8"]
  ingress_ipv6_cidr_blocks = ["::/0"]
  ingress_rules            = ["ssh-tcp", "https-443-tcp"]
}
