# A registry module `terraform init` has not installed: the module hands
# `repository_image_tag_mutability` to its aws_ecr_repository's
# `image_tag_mutability`.
module "web_repository" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 2.0"

  repository_name                 = "web"
  repository_image_tag_mutability = "MUTABLE"
}
