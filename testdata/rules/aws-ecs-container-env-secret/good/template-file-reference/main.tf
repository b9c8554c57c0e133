# The same template passing the secret's ARN to `secrets`: nothing in plain text.
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = templatefile("${path.module}/containers.json.tpl", {
    db_host         = aws_db_instance.main.address
    db_password_arn = aws_secretsmanager_secret.db.arn
  })
}
