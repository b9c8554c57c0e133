locals {
  parameters = { require_ssl = false, enable_user_activity_logging = true }
}

resource "aws_redshift_parameter_group" "main" {
  name   = "main"
  family = "redshift-1.0"

  dynamic "parameter" {
    for_each = local.parameters
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}
