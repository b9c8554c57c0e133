# Not installed: a public endpoint limited to an office range.
module "eks" {
  source = "terraform-aws-modules/eks/aws"

  name                         = "main"
  endpoint_public_access       = true
  endpoint_public_access_cidrs = ["203.0.113.0/24"]
}

# Nothing written about the endpoint: whether it is public by default
# changed between versions, so it is not guessed.
module "eks_defaults" {
  source = "terraform-aws-modules/eks/aws"

  cluster_name = "defaults"
}

# Public or not is known only at apply time.
module "eks_unknown" {
  source = "terraform-aws-modules/eks/aws"

  name                   = "unknown"
  endpoint_public_access = var.public
}

variable "public" {
  type = bool
}
