# One module call per container (`for_each`); the worker turns logging off.
module "container" {
  source = "../../../../modules/ecs-container-definition"
  for_each = {
    web    = { image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2", logging = true }
    worker = { image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/worker:1.4.2", logging = false }
  }

  service                   = "shop"
  name                      = each.key
  image                     = each.value.image
  enable_cloudwatch_logging = each.value.logging
  user                      = "1000"
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode(values(module.container)[*].container_definition)
}
