# A policy for another service (CloudTrail) does not make this a server
# access log bucket: it can, and should, use a customer-managed key.
resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-111122223333"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::org-trail-111122223333/AWSLogs/*"
    }]
  })
}
