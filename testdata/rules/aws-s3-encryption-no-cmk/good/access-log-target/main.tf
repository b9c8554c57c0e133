# Buckets that receive server access logs can only use SSE-S3: a KMS key
# would stop the log delivery.
resource "aws_s3_bucket" "app" {
  bucket = "app-assets-111122223333"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "app-access-logs-111122223333"
}

resource "aws_s3_bucket_logging" "app" {
  bucket        = aws_s3_bucket.app.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "app/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "app" {
  bucket = aws_s3_bucket.app.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
    }
  }
}

# A legacy log bucket: its ACL grants the log delivery group write access.
resource "aws_s3_bucket" "legacy_logs" {
  bucket = "legacy-access-logs-111122223333"
}

resource "aws_s3_bucket_acl" "legacy_logs" {
  bucket = aws_s3_bucket.legacy_logs.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

# The current way: the bucket policy lets the logging service write.
resource "aws_s3_bucket" "service_logs" {
  bucket = "service-access-logs-111122223333"
}

resource "aws_s3_bucket_policy" "service_logs" {
  bucket = aws_s3_bucket.service_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::service-access-logs-111122223333/*"
    }]
  })
}
