# The password is a variable known only at apply time.
variable "db_password" {
  type = string
}

data "template_file" "containers" {
  template = file("${path.module}/containers.json.tpl")
  vars = {
    image       = "registry.example.com/app:1.4.2"
    db_password = var.db_password
  }
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = data.template_file.containers.rendered
}
