resource "aws_instance" "app" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
}
