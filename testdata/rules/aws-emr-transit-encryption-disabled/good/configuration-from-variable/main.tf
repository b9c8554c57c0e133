# The whole encryption block comes from a variable: not known here.
variable "encryption" {
  type = any
}

resource "aws_emr_security_configuration" "etl" {
  name = "etl"

  configuration = jsonencode({
    EncryptionConfiguration = var.encryption
  })
}
