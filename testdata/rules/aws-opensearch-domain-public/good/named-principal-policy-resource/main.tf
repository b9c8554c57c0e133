resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"
}

resource "aws_opensearch_domain_policy" "logs" {
  domain_name = aws_opensearch_domain.logs.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/log-shipper" }
      Action    = "es:ESHttpPost"
      Resource  = "${aws_opensearch_domain.logs.arn}/*"
    }]
  })
}
