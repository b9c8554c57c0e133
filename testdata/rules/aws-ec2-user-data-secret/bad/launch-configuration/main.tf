resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  user_data = <<-EOF
    #!/bin/bash
    echo "export API_TOKEN=7f3c9a1e5b2d4f60" >> /etc/environment
    systemctl start worker
  EOF
}
