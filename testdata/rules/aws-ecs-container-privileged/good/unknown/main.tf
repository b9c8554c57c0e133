variable "privileged" {
  type = bool
}

resource "aws_ecs_task_definition" "builder" {
  family = "builder"

  container_definitions = jsonencode([
    {
      name       = "builder"
      image      = "docker:27-dind"
      essential  = true
      privileged = var.privileged
    }
  ])
}
