variable "image_tag" {
  type    = string
  default = "1.4.2"
}

resource "aws_ecs_task_definition" "web" {
  family = "web"

  container_definitions = <<DEFINITION
[
  {
    "name": "web",
    "image": "${aws_ecr_repository.web.repository_url}:${var.image_tag}",
    "essential": true,
    "portMappings": [{ "containerPort": 80, "hostPort": 80 }]
  }
]
DEFINITION
}
