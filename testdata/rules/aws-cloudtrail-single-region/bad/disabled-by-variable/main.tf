variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "example-cloudtrail-logs"
  is_multi_region_trail = var.multi_region
}
