variable "statement_effect" {
  type = string
}

resource "aws_iam_policy" "generated" {
  name = "generated"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = var.statement_effect, NotAction = "iam:*", Resource = "*" }]
  })
}
