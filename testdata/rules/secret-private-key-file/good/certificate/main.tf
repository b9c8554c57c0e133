# A CA bundle (certificates only, no private key) is fine to commit.
resource "aws_lb_trust_store" "clients" {
  name                             = "clients"
  ca_certificates_bundle_s3_bucket = "example-trust"
  ca_certificates_bundle_s3_key    = "ca-bundle.pem"
}
