variable "extra_capabilities" {
  type    = list(string)
  default = ["SYS_ADMIN"]
}

resource "aws_ecs_task_definition" "fuse" {
  family = "fuse-mounter"

  container_definitions = jsonencode([
    {
      name      = "mounter"
      image     = "example/s3fs:1.94"
      essential = true
      linuxParameters = {
        capabilities = { add = var.extra_capabilities }
      }
    },
  ])
}
