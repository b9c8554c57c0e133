data "aws_iam_policy_document" "roles" {
  statement {
    sid       = "ManageAppRoles"
    actions   = ["*"]
    resources = ["arn:aws:iam::*:role/app-*"]
  }
}
