resource "aws_ecs_task_definition" "web" {
  family = "web"

  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:2.3.0"
      essential = true
      environment = [
        { name = "REDIS_URL", value = "redis://cache.internal:6379/0" },
        { name = "DATABASE_URL", value = "postgresql://app@db.internal:5432/app?sslmode=require" },
        { name = "SECRET_NAME", value = "web/db-credentials" },
        { name = "DB_PASSWORD_FILE", value = "/run/secrets/db-password" },
      ]
    }
  ])
}
