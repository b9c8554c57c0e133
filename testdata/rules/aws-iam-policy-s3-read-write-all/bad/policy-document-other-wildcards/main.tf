# `s3:GetObj*` and `s3:P*` cover the same reads and writes.
data "aws_iam_policy_document" "sync" {
  statement {
    actions   = ["s3:ListBucket", "s3:GetObj*", "s3:P*"]
    resources = ["*"]
  }
}
