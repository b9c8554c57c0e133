variable "org_id" {
  type = string
}

variable "queue_policy" {
  type = string
}

resource "aws_sqs_queue" "jobs" {
  name   = "jobs"
  policy = var.queue_policy
}

resource "aws_secretsmanager_secret_policy" "api_key" {
  secret_arn = aws_secretsmanager_secret.api_key.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/api" }, Action = "secretsmanager:GetSecretValue", Resource = "*" },
      { Effect = "Deny", Principal = "*", Action = "secretsmanager:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
      { Effect = "Allow", Principal = "*", Action = "secretsmanager:DescribeSecret", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } } },
    ]
  })
}
