# `{ name = "...", value = "..." }`: the value is named by `name`.

# A CodeBuild environment variable in plain text.
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
      value = "Kq8#vLp2!xRm"
    }
  }

  source {
    type = "NO_SOURCE"
  }
}

# A container's environment, in a call of a registry module that is not
# downloaded (the ECS module takes a map of containers, not JSON).
module "web" {
  source = "terraform-aws-modules/ecs/aws//modules/service"

  name = "web"
  container_definitions = {
    web = {
      image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"
      environment = [
        { name = "STRIPE_API_KEY", value = local.stripe_key },
      ]
    }
  }
}

locals {
  stripe_key = "rk_live_51HxQ2aLkdIwHu7ixg3lMvNq"
}
