resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential = true
      environment = [
        { name = "DB_HOST", value = "db.internal" },
        { name = "DB_PASSWORD_SECRET_ARN", value = aws_secretsmanager_secret.db.arn },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
      ]
    }
  ])
}
