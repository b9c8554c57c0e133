resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress {
    description = "mongo and friends"
    from_port   = 27000
    to_port     = 28000
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
