resource "aws_cloudfront_distribution" "site" {
  enabled = true

  default_cache_behavior {
    target_origin_id       = "assets"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "docs" {
  enabled = true

  default_cache_behavior {
    target_origin_id       = "docs"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  logging_config {
    bucket = "example-cdn-logs.s3.amazonaws.com"
  }
}

resource "aws_cloudwatch_log_delivery_source" "docs" {
  name         = "cloudfront-docs"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.docs.arn
}
