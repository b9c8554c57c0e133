# The container definitions are a template: `${port}` is not JSON until
# templatefile() renders it, so the file is checked as rendered here.
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = templatefile("${path.module}/containers.json", { image = var.image, port = 8080 })
}

variable "image" {
  type = string
}
