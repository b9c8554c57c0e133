variable "network_mode" {
  type = string
}

resource "aws_ecs_task_definition" "proxy" {
  family       = "proxy"
  network_mode = var.network_mode

  container_definitions = jsonencode([
    { name = "proxy", image = "envoyproxy/envoy:v1.31.0", essential = true },
  ])
}
