resource "aws_ecs_task_definition" "app" {
  family = "app"

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "${aws_ecr_repository.app.repository_url}:1.4.2"
      essential = true
    },
    {
      name      = "proxy"
      image     = "public.ecr.aws/nginx/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"
      essential = true
    },
    {
      name      = "sidecar"
      image     = "registry.example.com:5000/acme/sidecar:2.0.1"
      essential = false
    },
  ])
}
