# The resource comes from a value known only at apply time: it may be
# anything, so no admin-wildcard finding; nor when the action itself is
# rendered from an Unknown value.
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode(jsondecode(templatefile("${path.module}/policy.json.tpl", { bucket_arn = aws_s3_bucket.logs.arn, action = aws_s3_bucket.logs.bucket })))
}
