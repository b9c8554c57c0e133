locals {
  containers = [
    {
      name       = "app"
      image      = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential  = true
      privileged = false
    },
    {
      name       = "debug"
      image      = "nicolaka/netshoot:v0.13"
      essential  = false
      privileged = true
    },
  ]
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode(local.containers)
}
