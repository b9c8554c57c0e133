locals {
  https = false
}

resource "aws_elasticsearch_domain" "search" {
  domain_name           = "search"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https       = local.https
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
