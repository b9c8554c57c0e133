# An ARN condition whose account is a wildcard admits a principal of that
# name in every AWS account: no narrowing.
resource "aws_s3_bucket_policy" "reports" {
  bucket = "reports-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::reports-bucket/*"
      Condition = {
        ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/reporting" }
      }
    }]
  })
}
