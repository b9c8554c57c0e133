locals {
  all = "*"
}

resource "aws_iam_role" "automation" {
  name               = "automation"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  inline_policy {
    name = "automation"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = local.all, Resource = [local.all] }]
    })
  }
}
