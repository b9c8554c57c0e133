# The value names where the secret is kept, or names a secret object.
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "DB_PASSWORD"
      value = "prod-db-password"
      type  = "SECRETS_MANAGER"
    }

    environment_variable {
      name  = "OPERATOR_SECRET"
      value = "operator"
    }

    environment_variable {
      name  = "API_TOKEN"
      value = var.api_token
    }
  }

  source {
    type = "NO_SOURCE"
  }
}

variable "api_token" {
  type      = string
  sensitive = true
}
