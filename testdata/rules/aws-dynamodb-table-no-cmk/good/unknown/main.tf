variable "sse_enabled" {
  type = bool
}

variable "kms_key_arn" {
  type = string
}

resource "aws_dynamodb_table" "people" {
  name         = "people"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = var.sse_enabled
    kms_key_arn = var.kms_key_arn
  }
}
