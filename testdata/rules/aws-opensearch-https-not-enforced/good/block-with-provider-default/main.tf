# Inside domain_endpoint_options, enforce_https defaults to true.
resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
