locals {
  excluded = ["iam:*"]
}

data "aws_iam_policy_document" "developer" {
  statement {
    not_actions = local.excluded
    resources   = ["*"]
  }
}
