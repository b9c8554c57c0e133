locals {
  log_driver = "none"
}

resource "aws_ecs_task_definition" "job" {
  family = "job"

  container_definitions = jsonencode([
    {
      name             = "job"
      image            = "public.ecr.aws/example/job:0.9.0"
      essential        = true
      logConfiguration = { logDriver = local.log_driver }
    }
  ])
}
