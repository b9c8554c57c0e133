variable "read_only" {
  type = bool
}

resource "aws_ecs_task_definition" "worker" {
  family = "worker"

  container_definitions = jsonencode([
    {
      name                   = "worker"
      image                  = "111122223333.dkr.ecr.us-east-1.amazonaws.com/worker:3.1.0"
      essential              = true
      readonlyRootFilesystem = var.read_only
    },
  ])
}
