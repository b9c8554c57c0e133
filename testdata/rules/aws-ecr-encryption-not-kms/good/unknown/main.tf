variable "ecr_encryption" {
  type = string
}

resource "aws_ecr_repository" "worker" {
  name                 = "worker"
  image_tag_mutability = "IMMUTABLE"

  encryption_configuration {
    encryption_type = var.ecr_encryption
  }
}
