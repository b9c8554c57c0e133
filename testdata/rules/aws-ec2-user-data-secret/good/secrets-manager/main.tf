resource "aws_instance" "app" {
  ami                  = "ami-0a3d5b6c7e8f90123"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.app.name

  user_data = <<-EOF
    #!/bin/bash
    export DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)"
    export DB_HOST=db.internal
    python3 /opt/app/run.py
  EOF
}
