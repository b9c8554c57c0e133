variable "name" {}
variable "acl" {}

resource "aws_s3_bucket_acl" "this" {
  bucket = "bucket-${var.name}"
  acl    = var.acl
}
