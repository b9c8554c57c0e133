variable "app_ports" {
  type = object({ from = number, to = number })
  default = {
    from = 3000
    to   = 3400
  }
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = var.app_ports.from
    to_port     = var.app_ports.to
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
