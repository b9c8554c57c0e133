# A policy template rendered with a value known only at apply time: the
# statement's action and resource are written in the template, only the
# condition's ARN is Unknown.
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode(jsondecode(templatefile("${path.module}/policy.json.tpl", { bucket_arn = aws_s3_bucket.logs.arn })))
}
