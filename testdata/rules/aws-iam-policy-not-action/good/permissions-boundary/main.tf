# `Allow` + `NotAction` is a common way to write a boundary: a cap, not a grant.
data "aws_iam_policy_document" "boundary" {
  statement {
    not_actions = ["iam:*", "organizations:*", "account:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name   = "workload-boundary"
  policy = data.aws_iam_policy_document.boundary.json
}

resource "aws_iam_role" "workload" {
  name                 = "workload"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = aws_iam_policy.boundary.arn
}
