resource "aws_ecs_task_definition" "agent" {
  family       = "monitoring-agent"
  network_mode = "host"

  container_definitions = jsonencode([
    { name = "agent", image = "public.ecr.aws/example/agent:7.2.0", essential = true },
  ])
}
