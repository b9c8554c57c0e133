variable "account_id" {}
resource "aws_iam_policy" "deploy" {
  name   = "x"
  policy = templatefile("${path.module}/policies/p.json", { account_id = var.account_id })
}
