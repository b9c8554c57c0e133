variable "http_tokens" {
  description = "IMDS token mode"
  type        = string
  default     = "optional"
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.small"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens
  }
}
