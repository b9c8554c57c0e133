resource "aws_instance" "flask" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"

  user_data = <<-EOF
    #!/bin/bash
    cat > /etc/flask.env <<ENV
    DATABASE_URL=postgresql://flask:${var.db_password}@${var.db_host}:5432/flask
    ENV
    systemctl restart flask
  EOF
}
