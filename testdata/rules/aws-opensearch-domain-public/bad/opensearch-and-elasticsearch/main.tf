resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  access_policies = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": { "AWS": "*" },
        "Action": "es:*",
        "Resource": "arn:aws:es:eu-west-1:111122223333:domain/search/*"
      }]
    }
  EOT
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
}

resource "aws_elasticsearch_domain_policy" "legacy" {
  domain_name = aws_elasticsearch_domain.legacy.domain_name
  access_policies = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "${aws_elasticsearch_domain.legacy.arn}/*" }]
  })
}
