# A heredoc keeps `\"` as written: the shell still assigns the password.
resource "aws_launch_configuration" "worker" {
  name_prefix   = "worker-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-SCRIPT
    #!/bin/bash
    export DATABASE_PASSWORD=\"Wk7-Rq2z-Lp9x\"
    /opt/app/start
  SCRIPT
}
