locals {
  task_settings = { pid_mode = "host" }
}

resource "aws_ecs_task_definition" "profiler" {
  family   = "profiler"
  pid_mode = local.task_settings.pid_mode

  container_definitions = jsonencode([
    { name = "profiler", image = "example/profiler:1.0.0", essential = true },
  ])
}
