variable "queue_actions" {
  type    = string
  default = "sqs:*"
}

resource "aws_iam_user_policy" "legacy" {
  name = "legacy"
  user = aws_iam_user.legacy.name

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "${var.queue_actions}",
      "Resource": "*"
    }
  ]
}
EOF
}
