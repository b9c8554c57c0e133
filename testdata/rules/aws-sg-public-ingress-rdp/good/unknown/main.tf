variable "rdp_cidrs" {
  type = list(string)
}

resource "aws_security_group" "windows" {
  name   = "windows"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = var.rdp_cidrs
  }
}
