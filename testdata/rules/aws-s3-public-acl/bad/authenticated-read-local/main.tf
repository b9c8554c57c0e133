locals {
  share_with_aws_users = "authenticated-read"
}

resource "aws_s3_bucket_acl" "exports" {
  bucket = aws_s3_bucket.exports.id
  acl    = local.share_with_aws_users
}

resource "aws_s3_bucket" "exports" {
  bucket = "example-exports"
}
