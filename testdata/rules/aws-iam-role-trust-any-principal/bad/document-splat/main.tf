# A document made with `count`, read through `one(...[*].json)`.
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
  name               = "shared"
  assume_role_policy = one(data.aws_iam_policy_document.trust[*].json)
}
