variable "ingress_rules" {
  type = list(object({
    port        = number
    cidr        = string
    description = string
  }))
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier"

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = ingress.value.description
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
