# The password is only known at apply time (a generated value): not a
# committed secret, so not this rule's business.
resource "random_password" "db" {
  length = 24
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "DB_PASSWORD=${random_password.db.result}" >> /etc/app.env
    echo "DB_URL=postgresql://app:${random_password.db.result}@db.internal/app" >> /etc/app.env
  EOT
  )
}
