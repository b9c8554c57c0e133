locals {
  log_group_name = "/aws/ecs/${var.service}/${var.name}"

  awslogs = {
    logDriver = "awslogs"
    options = {
      awslogs-region        = "eu-west-1"
      awslogs-group         = local.log_group_name
      awslogs-stream-prefix = "ecs"
    }
  }

  log_configuration = merge(
    { for k, v in local.awslogs : k => v if var.enable_cloudwatch_logging },
    var.log_configuration,
  )

  definition = {
    name                   = var.name
    image                  = var.image
    essential              = var.essential
    environment            = var.environment
    secrets                = var.secrets
    portMappings           = var.port_mappings
    readonlyRootFilesystem = var.readonly_root_filesystem
    user                   = var.user
    logConfiguration       = length(local.log_configuration) > 0 ? local.log_configuration : null
  }

  # Arguments left unset are not sent to ECS.
  container_definition = { for k, v in local.definition : k => v if v != null }
}

output "container_definition" {
  description = "Container definition"
  value       = local.container_definition
}
