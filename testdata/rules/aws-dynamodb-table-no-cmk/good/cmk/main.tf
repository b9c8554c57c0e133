resource "aws_dynamodb_table" "people" {
  name         = "people"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}

resource "aws_kms_key" "data" {
  description         = "DynamoDB"
  enable_key_rotation = true
}
