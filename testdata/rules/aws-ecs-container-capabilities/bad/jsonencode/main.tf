resource "aws_ecs_task_definition" "vpn" {
  family = "vpn"

  container_definitions = jsonencode([
    {
      name      = "wireguard"
      image     = "example/wireguard:1.0.2"
      essential = true
      linuxParameters = {
        capabilities = { add = ["NET_ADMIN", "SYS_MODULE"], drop = [] }
      }
    },
  ])
}
