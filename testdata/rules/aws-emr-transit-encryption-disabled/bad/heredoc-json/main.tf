resource "aws_emr_security_configuration" "spark" {
  name = "spark"

  configuration = <<JSON
{
  "EncryptionConfiguration": {
    "EnableAtRestEncryption": false,
    "EnableInTransitEncryption": false
  }
}
JSON
}
