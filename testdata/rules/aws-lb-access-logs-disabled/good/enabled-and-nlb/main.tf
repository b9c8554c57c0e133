resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}

resource "aws_lb" "gateway" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d"]
}
