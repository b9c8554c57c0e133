variable "acl" {
  default = "private"
}

resource "aws_s3_bucket_acl" "this" {
  bucket = "assets"
  acl    = var.acl
}

output "acl" {
  value = var.acl
}
