# The resources are known only at apply time; the action is known: every one.
variable "table_arn" {
  type = string
}

resource "aws_iam_role_policy" "worker" {
  name = "worker"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = var.table_arn }]
  })
}
