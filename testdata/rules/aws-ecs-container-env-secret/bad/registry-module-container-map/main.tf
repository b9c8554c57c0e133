# A call of the ECS module that `terraform init` has not installed: it takes
# its containers as a map by name, each read as a container here.
module "web" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 5.0"

  name        = "web"
  cluster_arn = "arn:aws:ecs:eu-west-1:111122223333:cluster/main"

  container_definitions = {
    web = {
      image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"
      environment = [
        { name = "STRIPE_API_KEY", value = local.stripe_key },
        { name = "LOG_LEVEL", value = "info" },
      ]
    }
  }
}

locals {
  stripe_key = "rk_live_51HxQ2aLkdIwHu7ixg3lMvNq"
}
