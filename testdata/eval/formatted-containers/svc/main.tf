variable "containers" {
  type = string
}

resource "aws_ecs_task_definition" "t" {
  family                = "svc"
  container_definitions = var.containers
}
