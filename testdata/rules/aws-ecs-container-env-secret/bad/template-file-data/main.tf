data "template_file" "containers" {
  template = file("${path.module}/containers.json.tpl")
  vars = {
    image       = "registry.example.com/app:1.4.2"
    db_password = "T3mpl4te-Pa55w0rd"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = data.template_file.containers.rendered
}
