variable "name" {
  type = string
}

locals {
  queue_name = "jobs-${var.name}"
  api_token  = "w0rker-Api-T0ken"
}

resource "aws_sqs_queue" "jobs" {
  name = local.queue_name
}
