# Used as a permissions boundary, but also attached to a role: it grants.
resource "aws_iam_policy" "everything" {
  name = "everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = aws_iam_policy.everything.arn
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.everything.arn
}

# Also passed to a module that may attach it.
resource "aws_iam_policy" "module_policy" {
  name = "module-policy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_user" "ops" {
  name                 = "ops"
  permissions_boundary = aws_iam_policy.module_policy.arn
}

module "ops_role" {
  source = "./role"
  policy_arns = {
    ops = aws_iam_policy.module_policy.arn
  }
}
