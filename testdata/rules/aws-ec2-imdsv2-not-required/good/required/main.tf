resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
