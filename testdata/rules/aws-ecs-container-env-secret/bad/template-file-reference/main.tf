# A template rendered with a secret's source: the container definitions
# hold it in plain text at apply time.
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = templatefile("${path.module}/containers.json.tpl", {
    db_password = aws_db_instance.main.password
  })
}
