variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "jobs" {
  broker_name        = "jobs"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  security_groups    = [aws_security_group.mq.id]

  logs {
    general = true
    audit   = true
  }

  user {
    username = "app"
    password = var.mq_password
  }
}
