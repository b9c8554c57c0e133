variable "bucket_acl" {
  type = string
}

resource "aws_s3_bucket_acl" "docs" {
  bucket = aws_s3_bucket.docs.id
  acl    = var.bucket_acl
}
