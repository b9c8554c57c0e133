variable "default_sg_ingress" {
  description = "Given at apply time; normally empty"
  type        = list(object({ port = number, cidr = string }))
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

resource "aws_security_group_rule" "app" {
  type              = "ingress"
  security_group_id = var.security_group_id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}

variable "security_group_id" {
  type = string
}
