locals {
  bucket_name = "acme-exports"
}

resource "aws_s3_bucket" "exports" {
  bucket = local.bucket_name
}

resource "aws_s3_bucket_policy" "exports" {
  bucket = local.bucket_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::${local.bucket_name}/*"
    }]
  })
}
