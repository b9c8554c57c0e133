variable "task_role_arn" {}

resource "aws_iam_role" "exec" {
  name               = "web-exec"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.exec.arn
  task_role_arn            = var.task_role_arn
  container_definitions = jsonencode([{
    name  = "web"
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-group = "/ecs/web", awslogs-region = "eu-west-1", awslogs-stream-prefix = "web" }
    }
  }])
}
