# The launch template's metadata options apply to the instance.
resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = "ami-0a3d5b6c7e8f90123"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "web" {
  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
}
