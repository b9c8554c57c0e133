variable "image_tag" {
  type = string
}

variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
      essential = true
    },
    {
      name      = "worker"
      image     = var.image
      essential = true
    },
    {
      name      = "migrate"
      image     = aws_ecr_repository.app.repository_url
      essential = false
    },
  ])
}
