resource "aws_security_group" "internal" {
  name   = "internal"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Everything from inside the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
