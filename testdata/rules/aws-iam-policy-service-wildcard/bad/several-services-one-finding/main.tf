# One statement with several `svc:*` actions is one finding naming them all.
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["s3:*", "kms:*", "iam:*", "ec2:Describe*"]
    resources = ["*"]
  }
}
