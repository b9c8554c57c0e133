variable "bucket_name" {
  type    = string
  default = "acme-exports"
}

resource "aws_s3_bucket" "exports" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_public_access_block" "other" {
  bucket                  = "acme-something-else"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
