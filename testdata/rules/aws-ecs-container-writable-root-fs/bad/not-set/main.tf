resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential              = true
      readonlyRootFilesystem = true
    },
    {
      name      = "log-router"
      image     = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"
      essential = true
    },
  ])
}
