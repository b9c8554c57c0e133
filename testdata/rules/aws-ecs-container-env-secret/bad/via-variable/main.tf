resource "aws_ecs_task_definition" "sync" {
  family = "sync"

  container_definitions = jsonencode([
    {
      name      = "sync"
      image     = "public.ecr.aws/example/sync:2.1.0"
      essential = true
      environment = [
        { name = "API_TOKEN", value = var.api_token },
      ]
    }
  ])
}
