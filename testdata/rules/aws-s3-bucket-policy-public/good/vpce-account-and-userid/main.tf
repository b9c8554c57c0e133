# Requests through VPC endpoints of one account only.
resource "aws_s3_bucket_policy" "internal" {
  bucket = "internal-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::internal-bucket/*"
      Condition = {
        StringEquals = { "aws:VpceAccount" = "111122223333" }
      }
    }]
  })
}

# One caller, by its unique id (a role's sessions).
resource "aws_s3_bucket_policy" "exports" {
  bucket = "exports-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::exports-bucket/*"
      Condition = {
        StringLike = { "aws:userid" = "AROAXXXXXXXXXXXXXXXXX:*" }
      }
    }]
  })
}
