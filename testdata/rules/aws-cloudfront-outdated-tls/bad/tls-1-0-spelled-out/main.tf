# Not the default certificate, and TLS 1.0 written the way people spell it
# (CloudFront's own name for it is `TLSv1`).
resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    cloudfront_default_certificate = false
    minimum_protocol_version       = "TLSv1.0"
  }
}

# The default certificate turned off and no minimum written: TLSv1.
resource "aws_cloudfront_distribution" "bare" {
  enabled = true

  viewer_certificate {
    cloudfront_default_certificate = false
  }
}
