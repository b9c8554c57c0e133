# SSH from the office only, public HTTPS, and rules not known until apply.
module "bastion_sg" {
  source = "terraform-aws-modules/security-group/aws//modules/ssh"

  name                = "bastion"
  ingress_cidr_blocks = ["203.0.113.0/24"]
}

module "web_sg" {
  source = "terraform-aws-modules/security-group/aws"

  name                = "web"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp", "http-80-tcp"]
}

variable "extra_rules" {
  type = list(string)
}

module "app_sg" {
  source = "terraform-aws-modules/security-group/aws"

  name                = "app"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = var.extra_rules
}

# Not made at all.
module "unused_sg" {
  source = "terraform-aws-modules/security-group/aws//modules/ssh"

  create              = false
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
