locals {
  run_as = "0:0"
}

resource "aws_ecs_task_definition" "web" {
  family = "web"

  container_definitions = <<DEFINITION
[
  {
    "name": "web",
    "image": "nginx:1.27.0",
    "essential": true,
    "user": "${local.run_as}"
  }
]
DEFINITION
}
