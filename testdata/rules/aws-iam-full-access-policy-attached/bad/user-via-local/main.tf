locals {
  managed = "arn:aws:iam::aws:policy"
}

resource "aws_iam_user_policy_attachment" "bot" {
  user       = aws_iam_user.bot.name
  policy_arn = "${local.managed}/IAMFullAccess"
}

resource "aws_iam_user" "bot" {
  name = "deploy-bot"
}
