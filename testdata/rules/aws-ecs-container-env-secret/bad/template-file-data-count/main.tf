# `template` wrapped in an interpolation, and the data source with `count`.
data "template_file" "containers" {
  count    = 1
  template = "${file("${path.module}/containers.json.tpl")}"
  vars = {
    image       = "registry.example.com/app:1.4.2"
    db_password = "C0unt-Pa55w0rd!"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = data.template_file.containers[0].rendered
}
