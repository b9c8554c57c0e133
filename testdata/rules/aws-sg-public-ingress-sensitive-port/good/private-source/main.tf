resource "aws_security_group" "k8s" {
  name   = "k8s-control-plane"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Kubernetes API from the VPN"
    from_port   = 6443
    to_port     = 6443
    protocol    = "tcp"
    cidr_blocks = ["10.8.0.0/16"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
