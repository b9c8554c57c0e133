resource "aws_athena_database" "events" {
  name   = "events"
  bucket = "example-athena-results"

  encryption_configuration {
    encryption_option = "SSE_KMS"
    kms_key           = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  }
}
