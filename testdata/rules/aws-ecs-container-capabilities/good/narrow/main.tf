resource "aws_ecs_task_definition" "web" {
  family = "web"

  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "nginx:1.27.0"
      essential = true
      linuxParameters = {
        capabilities = { add = ["NET_BIND_SERVICE", "SYS_PTRACE"], drop = ["ALL"] }
      }
    },
  ])
}
