# A registry module that is not downloaded, given the container JSON whole.
module "agent" {
  source  = "cloudposse/ecs-alb-service-task/aws"
  version = "0.76.0"

  container_definition_json = jsonencode([
    {
      name       = "agent"
      image      = "registry.example.com/agent:7.1.0"
      privileged = true
    }
  ])
}
