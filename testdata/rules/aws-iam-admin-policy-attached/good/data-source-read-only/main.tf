variable "policy_name" {
  type = string
}

data "aws_iam_policy" "read" {
  name = "ReadOnlyAccess"
}

data "aws_iam_policy" "chosen" {
  name = var.policy_name
}

# Looked up but used as a permissions boundary, which grants nothing.
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.app.name
  policy_arn = data.aws_iam_policy.read.arn
}

resource "aws_iam_role_policy_attachment" "chosen" {
  role       = aws_iam_role.app.name
  policy_arn = data.aws_iam_policy.chosen.arn
}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = data.aws_iam_policy.admin.arn
}
