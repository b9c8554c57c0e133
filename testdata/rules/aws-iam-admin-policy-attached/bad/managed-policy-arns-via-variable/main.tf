variable "ci_policies" {
  type = list(string)
  default = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
}

resource "aws_iam_role" "ci" {
  name                = "ci"
  assume_role_policy  = data.aws_iam_policy_document.ci_assume.json
  managed_policy_arns = var.ci_policies
}
