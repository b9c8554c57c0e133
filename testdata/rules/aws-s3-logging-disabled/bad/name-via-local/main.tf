locals {
  names = { data = "acme-data", logs = "acme-logs" }
}

resource "aws_s3_bucket" "data" {
  bucket = local.names.data
}

resource "aws_s3_bucket" "logs" {
  bucket = local.names.logs
}

# Logging configured for another bucket only.
resource "aws_s3_bucket_logging" "other" {
  bucket        = "acme-other"
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "other/"
}
