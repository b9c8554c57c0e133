locals {
  rotate_keys = false
}

resource "aws_kms_key" "data" {
  description              = "Application data"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = local.rotate_keys
}
