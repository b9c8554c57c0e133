# No public subnet: the setting applies to none.
module "network" {
  source = "terraform-aws-modules/vpc/aws"

  name                    = "internal"
  cidr                    = "10.8.0.0/16"
  map_public_ip_on_launch = true
  private_subnets         = ["10.8.1.0/24"]
  azs                     = ["us-east-1a"]
}
