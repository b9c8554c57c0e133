resource "aws_instance" "web" {
  ami                         = "ami-0a3d5b6c7e8f90123"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
}
