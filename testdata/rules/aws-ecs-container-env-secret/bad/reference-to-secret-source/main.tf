# Unknown here, but each value is a secret, written in plain text into the
# task definition at apply time.
variable "api_token" {
  type      = string
  sensitive = true
}

resource "random_password" "session" {
  length = 32
}

data "aws_secretsmanager_secret_version" "stripe" {
  secret_id = "prod/stripe"
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "registry.example.com/app:1.4.2"
      environment = [
        { name = "DB_PASSWORD", value = aws_db_instance.main.password },
        { name = "SESSION_SECRET", value = random_password.session.result },
        { name = "STRIPE_SECRET_KEY", value = data.aws_secretsmanager_secret_version.stripe.secret_string },
        { name = "API_TOKEN", value = var.api_token },
      ]
    }
  ])
}
