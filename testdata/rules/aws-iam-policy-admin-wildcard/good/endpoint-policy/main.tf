# A statement with a principal belongs to a resource policy (IAM refuses one in
# an identity policy): here a VPC endpoint's, which lets the account's own
# callers through the endpoint. It grants no identity anything.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "allow_account_access" {
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  policy            = data.aws_iam_policy_document.allow_account_access.json
}
