# A registry module that is not downloaded: the container definitions given
# whole to it are all there is to check.
module "service" {
  source  = "cloudposse/ecs-alb-service-task/aws"
  version = "0.76.0"

  container_definition_json = jsonencode([
    {
      name  = "api"
      image = "registry.example.com/api:3.0.1"
      environment = [
        { name = "JWT_SECRET", value = "m0dule-Jwt-S3cret" },
      ]
    }
  ])
}
