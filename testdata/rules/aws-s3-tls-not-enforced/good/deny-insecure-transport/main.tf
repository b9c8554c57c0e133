resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

data "aws_iam_policy_document" "reports" {
  statement {
    sid       = "TLSOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.reports.arn, "${aws_s3_bucket.reports.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.reports.json
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-legacy", "arn:aws:s3:::acme-legacy/*"]
      Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
    }]
  })
}
