# Any account may subscribe, but only the named queue can be the endpoint.
resource "aws_sns_topic" "events" {
  name = "events"
}

data "aws_iam_policy_document" "events" {
  statement {
    actions   = ["sns:Subscribe", "sns:Receive"]
    resources = [aws_sns_topic.events.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "sns:Endpoint"
      values   = ["arn:aws:sqs:eu-west-1:444455556666:events-consumer"]
    }
  }
}

resource "aws_sns_topic_policy" "events" {
  arn    = aws_sns_topic.events.arn
  policy = data.aws_iam_policy_document.events.json
}
