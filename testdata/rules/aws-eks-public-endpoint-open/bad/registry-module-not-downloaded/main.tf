# A registry module `terraform init` has not installed. The public endpoint
# is turned on (under its name before v21 of the module) without CIDRs: the
# module's default, 0.0.0.0/0 in every version, applies.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name                   = "main"
  cluster_version                = "1.31"
  cluster_endpoint_public_access = true
}

# v21 names, the whole internet written out.
module "eks_v21" {
  source = "terraform-aws-modules/eks/aws"

  name                         = "edge"
  endpoint_public_access       = true
  endpoint_public_access_cidrs = local.everyone
}

locals {
  everyone = ["0.0.0.0/0"]
}
