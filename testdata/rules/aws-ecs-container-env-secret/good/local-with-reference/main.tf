# The same containers with the secret passed through `secrets`.
locals {
  base = jsondecode(<<-EOT
    {"name": "app", "image": "registry.example.com/app:1.4.2", "essential": true}
  EOT
  )
  app = merge(local.base, {
    environment = [
      { name = "SESSION_SECRET_ARN", value = aws_secretsmanager_secret.session.arn },
    ]
    secrets = [
      { name = "SESSION_SECRET", valueFrom = aws_secretsmanager_secret.session.arn },
    ]
  })
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([local.app])
}
