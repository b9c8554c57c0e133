locals {
  app_secret_key = "9c1e7b2f4a6d8e0c"
}

resource "aws_instance" "flask" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  user_data_base64 = base64encode(templatefile("${path.module}/init.sh.tftpl", {
    secret_key = local.app_secret_key
    port       = 8000
  }))
}
