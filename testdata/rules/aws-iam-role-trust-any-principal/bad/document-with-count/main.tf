# A document made with `count`, read through `[0].json`.
variable "create" {
  type    = bool
  default = true
}

data "aws_iam_policy_document" "trust" {
  count = var.create ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "shared" {
  count              = var.create ? 1 : 0
  name               = "shared"
  assume_role_policy = data.aws_iam_policy_document.trust[0].json
}
