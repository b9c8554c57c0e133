resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential = true
      environment = [
        { name = "AWS_REGION", value = "us-east-1" },
        { name = "FLASK_SECRET_KEY", value = "k3y-f0r-s3ss10ns" },
      ]
    }
  ])
}
