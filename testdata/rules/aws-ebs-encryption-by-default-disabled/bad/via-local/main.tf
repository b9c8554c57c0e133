locals {
  ebs_default_encryption = false
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = local.ebs_default_encryption
}
