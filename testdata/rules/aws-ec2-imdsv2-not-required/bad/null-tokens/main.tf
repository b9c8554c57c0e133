# `null` is the attribute not written: the provider's default (optional) applies.
variable "metadata" {
  default = {}
}

resource "aws_instance" "web" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = lookup(var.metadata, "http_tokens", null)
  }
}
