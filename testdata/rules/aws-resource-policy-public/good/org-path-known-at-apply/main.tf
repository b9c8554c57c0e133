# Everyone in one organizational unit: the organization's id is known only at
# apply time, but the condition still fixes who can call.
data "aws_organizations_organization" "root" {}

data "aws_iam_policy_document" "secret" {
  statement {
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "aws:PrincipalOrgPaths"
      values   = ["${data.aws_organizations_organization.root.id}/*/${var.ou_id}/*"]
    }
  }
}

resource "aws_secretsmanager_secret" "keys" {
  name   = "integration-keys"
  policy = data.aws_iam_policy_document.secret.json
}
