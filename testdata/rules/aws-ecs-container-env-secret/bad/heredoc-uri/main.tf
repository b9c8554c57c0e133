locals {
  db_username = "todo"
  db_password = "foobarbaz"
}

resource "aws_ecs_task_definition" "todo" {
  family                   = "todo"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512

  container_definitions = <<DEFINITION
[
  {
    "name": "todo",
    "image": "${aws_ecr_repository.todo.repository_url}:latest",
    "essential": true,
    "environment": [
      { "name": "FLASK_ENV", "value": "production" },
      {
        "name": "SQLALCHEMY_DATABASE_URI",
        "value": "postgresql://${local.db_username}:${local.db_password}@${aws_db_instance.todo.address}:5432/todo"
      }
    ]
  }
]
DEFINITION
}
