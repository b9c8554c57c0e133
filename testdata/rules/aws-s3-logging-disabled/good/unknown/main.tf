variable "bucket_id" {
  type = string
}

resource "aws_s3_bucket" "documents" {
  bucket = "acme-documents"
}

resource "aws_s3_bucket_logging" "documents" {
  bucket        = var.bucket_id
  target_bucket = "acme-access-logs"
  target_prefix = "documents/"
}
