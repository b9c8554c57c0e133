variable "block_public_acls" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket             = aws_s3_bucket.media.id
  block_public_acls  = var.block_public_acls
  ignore_public_acls = var.block_public_acls
}
