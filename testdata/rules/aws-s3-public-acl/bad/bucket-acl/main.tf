resource "aws_s3_bucket" "docs" {
  bucket = "example-docs"
}

resource "aws_s3_bucket_acl" "docs" {
  bucket = aws_s3_bucket.docs.id
  acl    = "public-read"
}
