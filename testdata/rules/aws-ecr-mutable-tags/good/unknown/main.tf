variable "tag_mutability" {
  type = string
}

resource "aws_ecr_repository" "api" {
  name                 = "api"
  image_tag_mutability = var.tag_mutability
}
