locals {
  locked = true
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = local.locked
  block_public_policy     = local.locked
  ignore_public_acls      = local.locked
  restrict_public_buckets = local.locked
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
