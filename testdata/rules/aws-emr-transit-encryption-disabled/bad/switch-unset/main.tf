# Only at-rest encryption is written: in-transit encryption stays off.
resource "aws_emr_security_configuration" "batch" {
  name = "batch"

  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
      }
    }
  })
}
