variable "log_driver" {
  description = "awslogs in AWS, fluentd on the on-prem cluster"
  type        = string
}

resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = <<DEFINITION
[
  {
    "name": "app",
    "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
    "logConfiguration": { "logDriver": "${var.log_driver}" }
  }
]
DEFINITION
}
