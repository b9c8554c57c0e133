# `svc:*` on named resources still allows every action on them: deleting the
# bucket, rewriting its policy; `iam:*` on roles rewrites their permissions.
resource "aws_iam_role_policy" "worker" {
  name = "worker"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = [aws_s3_bucket.scratch.arn, "${aws_s3_bucket.scratch.arn}/*"] },
      { Effect = "Allow", Action = ["iam:*"], Resource = "arn:aws:iam::111122223333:role/app-*" },
    ]
  })
}
