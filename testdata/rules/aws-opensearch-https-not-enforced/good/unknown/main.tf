variable "https" {
  type = bool
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"

  domain_endpoint_options {
    enforce_https = var.https
  }
}
