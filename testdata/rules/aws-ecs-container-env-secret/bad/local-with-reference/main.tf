# Container definitions assembled in locals (a base decoded from JSON, the
# environment added) and encoded where the task definition is declared.
resource "random_password" "session" {
  length = 48
}

locals {
  base = jsondecode(<<-EOT
    {"name": "app", "image": "registry.example.com/app:1.4.2", "essential": true}
  EOT
  )
  app = merge(local.base, {
    environment = [
      { name = "SESSION_SECRET", value = random_password.session.result },
    ]
  })
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([local.app])
}
