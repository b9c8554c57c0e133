# Self-service: each user manages their own keys and password only.
data "aws_iam_policy_document" "self_service" {
  statement {
    actions   = ["iam:CreateAccessKey", "iam:UpdateLoginProfile"]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }
}

resource "aws_iam_policy" "self_service" {
  name   = "self-service"
  policy = data.aws_iam_policy_document.self_service.json
}
