# The secret is inside an interpolated string: Unknown here, written in plain
# text into the task definition at apply time.
variable "api_token" {
  type      = string
  sensitive = true
}

resource "random_password" "db" {
  length = 32
}

locals {
  reporting_url = "mysql://report:${aws_db_instance.reporting.password}@reporting.internal:3306/report"
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "registry.example.com/app:1.4.2"
      environment = [
        { name = "DATABASE_URL", value = "postgres://app:${random_password.db.result}@db.internal:5432/app" },
        { name = "REPORTING_DB", value = local.reporting_url },
        { name = "REPORTING_DB_TLS", value = "${local.reporting_url}?tls=true" },
        { name = "API_TOKEN", value = "Bearer ${var.api_token}" },
      ]
    }
  ])
}
