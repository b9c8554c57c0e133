resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential              = true
      readonlyRootFilesystem = true
      mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp" }]
    },
  ])

  volume {
    name = "tmp"
  }
}
