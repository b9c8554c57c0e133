# Only in-transit encryption is written: at-rest encryption stays off.
resource "aws_emr_security_configuration" "stream" {
  name = "stream"

  configuration = <<JSON
{
  "EncryptionConfiguration": {
    "EnableInTransitEncryption": true,
    "InTransitEncryptionConfiguration": {
      "TLSCertificateConfiguration": {
        "CertificateProviderType": "PEM",
        "S3Object": "s3://certs/emr.zip"
      }
    }
  }
}
JSON
}
