variable "key_policy" {
  type = string
}

variable "key_principal" {
  type = string
}

resource "aws_kms_key" "data" {
  description         = "Application data"
  enable_key_rotation = true
  policy              = var.key_policy
}

resource "aws_kms_key" "other" {
  description         = "Other data"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.key_principal }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
