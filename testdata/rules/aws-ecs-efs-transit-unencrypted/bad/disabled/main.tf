resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([{
    name         = "app"
    image        = "public.ecr.aws/nginx/nginx:1.27"
    mountPoints  = [{ sourceVolume = "shared", containerPath = "/srv" }]
  }])

  volume {
    name = "shared"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.shared.id
      transit_encryption = "DISABLED"
    }
  }
}
