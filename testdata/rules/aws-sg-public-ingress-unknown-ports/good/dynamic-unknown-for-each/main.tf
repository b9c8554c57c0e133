# A dynamic block over an Unknown collection may make no rule at all.
variable "ports" {
  type = list(number)
}

resource "aws_security_group" "app" {
  name = "app"
  dynamic "ingress" {
    for_each = var.ports
    content {
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
