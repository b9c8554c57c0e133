resource "aws_ecs_task_definition" "app" {
  family   = "app"
  pid_mode = "task"

  container_definitions = jsonencode([
    { name = "app", image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2", essential = true },
    { name = "debug", image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/debug:1.0.0", essential = false },
  ])
}
