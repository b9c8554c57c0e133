variable "actions" {
  type = list(string)
}

resource "aws_iam_policy" "custom" {
  name = "custom"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
