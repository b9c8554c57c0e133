# References that are not secrets, or secrets under names that are not a
# secret's: nothing to report.
variable "db_password" {
  type = string
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "registry.example.com/app:1.4.2"
      environment = [
        { name = "DB_HOST", value = aws_db_instance.main.address },
        { name = "DB_PASSWORD_ARN", value = aws_secretsmanager_secret.db.arn },
        { name = "DB_PASSWORD", value = var.db_password },
        { name = "SESSION_SECRET", value = module.session.secret },
        { name = "SUFFIX", value = random_password.session.result },
      ]
      secrets = [
        { name = "API_TOKEN", valueFrom = aws_secretsmanager_secret.api.arn },
      ]
    }
  ])
}
