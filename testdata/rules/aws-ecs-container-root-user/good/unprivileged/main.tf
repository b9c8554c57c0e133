resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential = true
      user      = "1000:1000"
    },
    {
      name      = "proxy"
      image     = "envoyproxy/envoy:v1.31.0"
      essential = true
      user      = "1337"
    }
  ])
}
