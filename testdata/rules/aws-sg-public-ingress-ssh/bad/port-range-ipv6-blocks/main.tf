resource "aws_security_group" "legacy" {
  name   = "legacy"
  vpc_id = aws_vpc.main.id

  ingress {
    description      = "low ports"
    from_port        = 20
    to_port          = 25
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
