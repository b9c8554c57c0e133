# terraform-aws-modules/ecs takes containers in its own schema (a map by
# name), not ECS JSON; and secrets passed through `secrets` are fine.
module "ecs_service" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "5.11.0"

  container_definitions = {
    api = {
      image = "registry.example.com/api:3.0.1"
      environment = [
        { name = "LOG_LEVEL", value = "info" },
      ]
    }
  }
}

module "service" {
  source  = "cloudposse/ecs-alb-service-task/aws"
  version = "0.76.0"

  container_definition_json = jsonencode([
    {
      name  = "api"
      image = "registry.example.com/api:3.0.1"
      secrets = [
        { name = "JWT_SECRET", valueFrom = "arn:aws:secretsmanager:us-east-1:111122223333:secret:jwt" },
      ]
    }
  ])
}
