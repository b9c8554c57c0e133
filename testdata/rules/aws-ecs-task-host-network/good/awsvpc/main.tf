resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode([
    { name = "app", image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2", essential = true },
  ])
}

resource "aws_ecs_task_definition" "legacy" {
  family = "legacy"
  container_definitions = jsonencode([
    { name = "legacy", image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/legacy:0.3.0", essential = true },
  ])
}
