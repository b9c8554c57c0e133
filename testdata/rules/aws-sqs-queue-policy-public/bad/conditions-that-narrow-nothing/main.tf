# Conditions that do not fix the caller: another key, a value of `*`, every
# address, a negated operator, an ...IfExists operator.
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { Bool = { "aws:SecureTransport" = "true" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:ReceiveMessage"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { ArnLike = { "aws:SourceArn" = "*" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:DeleteMessage"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { IpAddress = { "aws:SourceIp" = ["10.0.0.0/8", "0.0.0.0/0"] } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:PurgeQueue"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { StringNotEquals = { "aws:SourceAccount" = "111122223333" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:GetQueueAttributes"
        Resource  = aws_sqs_queue.jobs.arn
        Condition = { StringEqualsIfExists = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }
      },
    ]
  })
}

data "aws_iam_policy_document" "topic" {
  statement {
    actions   = ["sns:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalOrgID"
      values   = ["*"]
    }
  }
}

resource "aws_sns_topic" "events" {
  name   = "events"
  policy = data.aws_iam_policy_document.topic.json
}
