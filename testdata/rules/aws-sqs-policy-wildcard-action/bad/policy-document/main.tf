data "aws_iam_policy_document" "events" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_sqs_queue" "events" {
  name   = "events"
  policy = data.aws_iam_policy_document.events.json
}
