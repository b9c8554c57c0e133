variable "name" {
  type = string
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

resource "aws_security_group" "this" {
  name = var.name

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = var.ingress_cidr_blocks
  }
}
