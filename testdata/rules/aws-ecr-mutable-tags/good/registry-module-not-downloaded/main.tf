# Nothing written about tags: the module's default is not guessed.
module "web_repository" {
  source = "terraform-aws-modules/ecr/aws"

  repository_name = "web"
}

# A public repository (aws_ecrpublic_repository) is made instead.
module "public_repository" {
  source = "terraform-aws-modules/ecr/aws"

  repository_name                 = "tools"
  repository_type                 = "public"
  repository_image_tag_mutability = "MUTABLE"
}

# The repository is not made.
module "no_repository" {
  source = "terraform-aws-modules/ecr/aws"

  create_repository               = false
  repository_name                 = "none"
  repository_image_tag_mutability = "MUTABLE"
}
