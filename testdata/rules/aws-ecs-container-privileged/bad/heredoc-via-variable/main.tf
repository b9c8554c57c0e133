variable "privileged" {
  type    = bool
  default = true
}

resource "aws_ecs_task_definition" "builder" {
  family = "builder"

  container_definitions = <<DEFINITION
[
  {
    "name": "dind",
    "image": "docker:27-dind",
    "essential": true,
    "privileged": ${var.privileged}
  }
]
DEFINITION
}
