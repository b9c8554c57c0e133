variable "in_transit" {
  type = bool
}

resource "aws_emr_security_configuration" "spark" {
  name = "spark"

  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = var.in_transit
    }
  })
}
