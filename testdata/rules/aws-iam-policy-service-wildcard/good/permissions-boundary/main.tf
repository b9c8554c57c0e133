# A permissions boundary caps what the role's other policies grant and grants
# nothing itself: its service wildcards are not findings.
data "aws_iam_policy_document" "boundary" {
  statement {
    actions   = ["s3:*", "dynamodb:*", "sqs:*", "logs:*"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name   = "developer-boundary"
  policy = data.aws_iam_policy_document.boundary.json
}

resource "aws_iam_policy" "boundary_json" {
  name = "service-boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "sns:*"], Resource = "*" }]
  })
}

resource "aws_iam_role" "developer" {
  name                 = "developer"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_iam_user" "service" {
  name                 = "service"
  permissions_boundary = aws_iam_policy.boundary_json.arn
}

# An allow-list service control policy caps the accounts it is attached to.
data "aws_iam_policy_document" "allowed_services" {
  statement {
    actions   = ["s3:*", "dynamodb:*", "lambda:*", "cloudwatch:*"]
    resources = ["*"]
  }
}

resource "aws_organizations_policy" "allowed_services" {
  name    = "allowed-services"
  type    = "SERVICE_CONTROL_POLICY"
  content = data.aws_iam_policy_document.allowed_services.json
}
