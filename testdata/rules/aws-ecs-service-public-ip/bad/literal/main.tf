resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = true
  }
}
