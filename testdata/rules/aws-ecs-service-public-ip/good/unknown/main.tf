variable "public_ip" {
  type = bool
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = "main"
  task_definition = "worker:3"
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    assign_public_ip = var.public_ip
  }
}
