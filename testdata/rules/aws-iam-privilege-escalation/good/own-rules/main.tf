# `iam:*` and `iam:PassRole` are other rules' findings; read-only IAM actions grant nothing.
resource "aws_iam_policy" "auditor" {
  name = "auditor"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["iam:Get*", "iam:List*", "iam:GenerateCredentialReport"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:*", "iam:PassRole"], Resource = "*" },
    ]
  })
}
