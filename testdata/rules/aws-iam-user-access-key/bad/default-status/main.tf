resource "aws_iam_user" "ci" {
  name = "github-actions"
}

resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:acme_ops"
}
