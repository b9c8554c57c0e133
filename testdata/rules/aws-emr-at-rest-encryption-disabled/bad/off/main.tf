resource "aws_emr_security_configuration" "spark" {
  name = "spark"

  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = true

      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://acme-emr-certs/certs.zip"
        }
      }
    }
  })
}
