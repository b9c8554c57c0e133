variable "default_sg_ingress" {
  type = list(object({ port = number, cidr = string }))
  default = [
    { port = 443, cidr = "10.0.0.0/8" },
  ]
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.default_sg_ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
