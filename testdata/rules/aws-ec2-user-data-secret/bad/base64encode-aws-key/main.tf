resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    mkdir -p /root/.aws
    cat > /root/.aws/credentials <<CREDS
    [default]
    aws_access_key_id = AKIA2OGYBAH6STMMNXNN
    CREDS
  EOT
  )
}
