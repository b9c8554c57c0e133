resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "SecurityPolicy_TLS13_1_3_2025_09"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
