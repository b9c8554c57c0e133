# References inside strings that hold no secret: a host in a URI, a secret's
# ARN, a generated value under a name that is not a secret's; the secret
# itself goes through `secrets`.
resource "random_password" "db" {
  length = 32
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "registry.example.com/app:1.4.2"
      environment = [
        { name = "DATABASE_URL", value = "postgres://app@${aws_db_instance.main.address}:5432/app" },
        { name = "DB_PASSWORD_ARN", value = "${aws_secretsmanager_secret.db.arn}" },
        { name = "DB_SECRET_NAME", value = "prod/${aws_secretsmanager_secret.db.name}" },
        { name = "CACHE_PREFIX", value = "app-${random_password.db.result}" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
      ]
    }
  ])
}
