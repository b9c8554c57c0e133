variable "rotate" {
  type = bool
}

variable "key_spec" {
  type = string
}

resource "aws_kms_key" "data" {
  description         = "Application data"
  enable_key_rotation = var.rotate
}

resource "aws_kms_key" "other" {
  description              = "Spec chosen by the caller"
  customer_master_key_spec = var.key_spec
}
