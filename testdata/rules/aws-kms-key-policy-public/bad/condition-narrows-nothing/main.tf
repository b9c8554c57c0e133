# `kms:ViaService` alone lets any account call through the service, and a
# caller account of `*` is every account.
resource "aws_kms_key" "data" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "kms:DescribeKey"
        Resource  = "*"
        Condition = { StringLike = { "kms:CallerAccount" = "*" } }
      },
    ]
  })
}
