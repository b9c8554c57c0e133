variable "reader" {
  type    = string
  default = "*"
}

resource "aws_s3_bucket" "downloads" {
  bucket = "acme-downloads"
  acl    = "private"

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": ["${var.reader}"] },
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::acme-downloads/*"
    }
  ]
}
POLICY
}
