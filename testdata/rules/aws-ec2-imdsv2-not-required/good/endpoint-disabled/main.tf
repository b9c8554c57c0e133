resource "aws_instance" "batch" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "c5.large"

  metadata_options {
    http_endpoint = "disabled"
  }
}
