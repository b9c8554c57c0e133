variable "subnet_ids" {
  type = list(string)
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"

  vpc_options {
    subnet_ids = var.subnet_ids
  }
}

resource "aws_opensearch_domain_policy" "logs" {
  domain_name = aws_opensearch_domain.logs.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "${aws_opensearch_domain.logs.arn}/*"
    }]
  })
}
