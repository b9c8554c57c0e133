resource "aws_instance" "runner" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  tags = {
    Name        = "ci-runner"
    Description = "registered with ghp_4kT9zQ2mW7xR1vN8bL3pY6cH0dJ5sF2gA9eK"
  }
}
