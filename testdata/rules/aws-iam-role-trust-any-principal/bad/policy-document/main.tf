data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "support" {
  name               = "support"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
