# The usual boundary: allow everything, deny the dangerous parts. Used only as
# `permissions_boundary`, it caps the role and grants nothing.
resource "aws_iam_policy" "boundary" {
  name = "boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = ["iam:CreateUser", "iam:DeleteRolePermissionsBoundary"], Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_ssoadmin_permissions_boundary_attachment" "dev" {
  instance_arn       = aws_ssoadmin_permission_set.dev.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.dev.arn
  permissions_boundary {
    customer_managed_policy_reference {
      name = aws_iam_policy.sso_boundary.name
    }
  }
}

data "aws_iam_policy_document" "sso_boundary" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "sso_boundary" {
  name   = "sso-boundary"
  policy = data.aws_iam_policy_document.sso_boundary.json
}

# Passed to a module as the boundary of the roles it creates.
resource "aws_iam_policy" "module_boundary" {
  name = "module-boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

module "service_role" {
  source                        = "./role"
  name                          = "service"
  role_permissions_boundary_arn = aws_iam_policy.module_boundary.arn
}
