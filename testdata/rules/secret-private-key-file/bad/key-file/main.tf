resource "aws_iam_server_certificate" "legacy" {
  name             = "legacy"
  certificate_body = file("${path.module}/tls.crt")
  private_key      = file("${path.module}/tls.key")
}
