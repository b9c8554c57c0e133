locals {
  user     = "app"
  password = "Sup3rS3cret!"
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = <<-JSON
    [
      {
        "name": "app",
        "image": "${var.image}",
        "cpu": ${var.cpu},
        "logConfiguration": { "logDriver": "awslogs" },
        "environment": [
          { "name": "A", "value": "${local.user}" },
          { "name": "DATABASE_URL", "value": "mysql://${local.user}:${local.password}@${aws_db_instance.x.address}/db" }
        ]
      }
    ]
  JSON
}

variable "image" {}
variable "cpu" {}
