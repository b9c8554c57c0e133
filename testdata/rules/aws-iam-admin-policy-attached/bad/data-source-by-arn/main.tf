data "aws_iam_policy" "admin" {
  arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  assume_role_policy  = data.aws_iam_policy_document.assume.json
  managed_policy_arns = [data.aws_iam_policy.admin.arn]
}

resource "aws_ssoadmin_managed_policy_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = data.aws_iam_policy.admin.arn
}
