variable "reader_arns" {
  type = list(string)
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader_arns }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.shared.arn}/*"
    }]
  })
}
