locals {
  access_logs = false
}

resource "aws_alb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = local.access_logs
  }
}
