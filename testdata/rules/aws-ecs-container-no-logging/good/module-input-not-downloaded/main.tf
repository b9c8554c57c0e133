# The module may add a log configuration of its own: a setting that is not
# written in a module's input is not judged.
module "agent" {
  source  = "cloudposse/ecs-alb-service-task/aws"
  version = "0.76.0"

  container_definition_json = jsonencode([
    {
      name  = "agent"
      image = "registry.example.com/agent:7.1.0"
    }
  ])
}
