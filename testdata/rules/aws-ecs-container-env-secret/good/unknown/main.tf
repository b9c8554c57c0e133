# Values computed at apply time that come from no secret's source: nothing
# to report (a variable not declared sensitive, a resource's address).
variable "api_token" {
  type = string
}

variable "db_password" {
  type = string
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
      { "name": "DATABASE_URL", "value": "postgresql://todo:${var.db_password}@${aws_db_instance.todo.address}/todo" }
    ]
  }
]
DEFINITION
}
