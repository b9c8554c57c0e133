variable "pid_mode" {
  type = string
}

resource "aws_ecs_task_definition" "agent" {
  family   = "agent"
  pid_mode = var.pid_mode

  container_definitions = jsonencode([
    { name = "agent", image = "public.ecr.aws/example/agent:7.2.0", essential = true },
  ])
}
