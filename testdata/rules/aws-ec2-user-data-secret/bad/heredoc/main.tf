resource "aws_instance" "app" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  user_data = <<-EOF
    #!/bin/bash
    yum install -y python3
    export DB_PASSWORD="Sup3rS3cret!"
    python3 /opt/app/run.py
  EOF
}
