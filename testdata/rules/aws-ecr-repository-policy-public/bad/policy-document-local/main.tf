locals {
  everyone = ["*"]
}

data "aws_iam_policy_document" "pull" {
  statement {
    sid     = "Pull"
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = local.everyone
    }
  }
}

resource "aws_ecr_repository_policy" "worker" {
  repository = aws_ecr_repository.worker.name
  policy     = data.aws_iam_policy_document.pull.json
}
