locals {
  user_admin_actions = ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
}

resource "aws_iam_policy" "helpdesk" {
  name = "helpdesk"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.user_admin_actions, Resource = "*" }]
  })
}

resource "aws_iam_group_policy_attachment" "helpdesk" {
  group      = "helpdesk"
  policy_arn = aws_iam_policy.helpdesk.arn
}
