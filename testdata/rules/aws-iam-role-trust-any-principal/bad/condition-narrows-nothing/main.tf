# A condition on a tag any account can set, and a principal ARN of `*`,
# leave the role open to everyone.
resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "aws:PrincipalTag/team" = "data" }, StringLike = { "aws:PrincipalArn" = "*" } }
    }]
  })
}
