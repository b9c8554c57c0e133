# A heredoc rendered with secrets' sources: Unknown here, in plain text in the
# task definition at apply time.
variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_ecs_task_definition" "todo" {
  family = "todo"

  container_definitions = <<DEFINITION
[
  {
    "name": "todo",
    "image": "${aws_ecr_repository.todo.repository_url}:latest",
    "environment": [
      { "name": "API_TOKEN", "value": "${var.api_token}" },
      { "name": "DATABASE_URL", "value": "postgresql://todo:${random_password.db.result}@${aws_db_instance.todo.address}/todo" }
    ]
  }
]
DEFINITION
}
