variable "iam_actions" {
  type    = list(string)
  default = ["iam:GetRole", "iam:Pass*"]
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = var.iam_actions
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ci" {
  name   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
