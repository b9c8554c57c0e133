variable "parameters" {
  type = map(string)
}

resource "aws_redshift_parameter_group" "main" {
  name   = "main"
  family = "redshift-1.0"

  dynamic "parameter" {
    for_each = var.parameters
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}
