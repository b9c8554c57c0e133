variable "bucket_acl" {
  type    = string
  default = "public-read-write"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
  acl    = var.bucket_acl
}
