# Every container of the task comes from one module call per container
# (`for_each`), the terraform-aws-modules/ecs pattern.
module "container" {
  source   = "../../../../modules/ecs-container-definition"
  for_each = {
    web = {
      image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"
      environment = [
        { name = "AWS_REGION", value = "eu-west-1" },
        { name = "DB_PASSWORD", value = "Tr0ub4dor-prod-77" },
      ]
    }
    worker = {
      image       = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/worker:1.4.2"
      environment = [{ name = "QUEUE", value = "jobs" }]
    }
  }

  service     = "shop"
  name        = each.key
  image       = each.value.image
  environment = each.value.environment
  user        = "1000"
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode([for c in module.container : c.container_definition])
}
