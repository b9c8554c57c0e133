variable "allowed_resources" {
  type = list(string)
}

resource "aws_iam_role_policy" "worker" {
  name = "worker"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "dynamodb:*", Resource = aws_dynamodb_table.jobs.arn },
      { Effect = "Allow", Action = "*", Resource = var.allowed_resources },
    ]
  })
}
