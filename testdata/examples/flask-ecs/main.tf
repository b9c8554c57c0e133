# A Flask application on ECS Fargate with a PostgreSQL database: the kind of
# stack tflint-rs is for, with the mistakes people make most often.

terraform {
  backend "s3" {
    bucket = "flask-app-tfstate"
    key    = "prod/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = var.region
}

locals {
  name        = "flask-app"
  db_password = "pr0d-Passw0rd" # TODO move to Secrets Manager
}

resource "aws_db_instance" "app" {
  identifier          = local.name
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "flask"
  password            = local.db_password
  publicly_accessible = true
}

resource "aws_security_group" "db" {
  name = "${local.name}-db"

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr]
  }
}

resource "aws_ecr_repository" "app" {
  name = local.name
}

resource "aws_iam_role_policy_attachment" "task_s3" {
  role       = aws_iam_role.task.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}

resource "aws_ecs_task_definition" "app" {
  family                   = local.name
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 512
  memory                   = 1024
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = <<DEFINITION
[
  {
    "name": "web",
    "image": "${aws_ecr_repository.app.repository_url}:1.0.0",
    "portMappings": [{ "containerPort": 8000 }],
    "environment": [
      { "name": "DATABASE_URL", "value": "postgresql://flask:${local.db_password}@${aws_db_instance.app.address}/app" },
      { "name": "FLASK_ENV", "value": "production" }
    ]
  }
]
DEFINITION
}
