resource "aws_s3_bucket" "documents" {
  bucket = "acme-documents"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket_logging" "documents" {
  bucket        = aws_s3_bucket.documents.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "documents/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"

  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "legacy/"
  }
}

resource "aws_s3_bucket" "old_logs" {
  bucket = "acme-old-logs"
  acl    = "log-delivery-write"
}
