resource "aws_security_group" "ci_runner" {
  name   = "ci-runner"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Docker remote API"
    from_port   = 2375
    to_port     = 2376
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
