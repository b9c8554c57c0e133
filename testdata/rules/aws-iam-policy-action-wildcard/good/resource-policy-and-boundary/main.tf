# A resource policy (it has a principal) is not an identity grant; a policy
# used only as a permissions boundary grants nothing.
data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:s3:::shared/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_policy" "boundary" {
  name = "boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::team-*" }]
  })
}

resource "aws_iam_user" "analyst" {
  name                 = "analyst"
  permissions_boundary = aws_iam_policy.boundary.arn
}
