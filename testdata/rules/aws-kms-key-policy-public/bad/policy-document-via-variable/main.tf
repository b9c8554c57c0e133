variable "key_users" {
  type    = list(string)
  default = ["*"]
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "UseKey"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = var.key_users
    }
  }
}

resource "aws_kms_key" "data" {
  description         = "Application data"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
