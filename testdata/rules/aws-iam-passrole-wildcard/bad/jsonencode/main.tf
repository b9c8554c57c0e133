resource "aws_iam_role_policy" "deployer" {
  name = "deployer"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecs:RegisterTaskDefinition", "ecs:UpdateService"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },
    ]
  })
}
