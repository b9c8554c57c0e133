variable "tls_policy" {
  type = string
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy
  }
}
