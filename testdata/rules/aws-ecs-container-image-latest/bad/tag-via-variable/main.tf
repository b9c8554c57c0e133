variable "image_tag" {
  type    = string
  default = "latest"
}

resource "aws_ecs_task_definition" "worker" {
  family = "worker"

  container_definitions = <<DEFINITION
[
  {
    "name": "worker",
    "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/worker:${var.image_tag}",
    "essential": true
  }
]
DEFINITION
}
