resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs-111122223333"
  enable_logging = false
}
