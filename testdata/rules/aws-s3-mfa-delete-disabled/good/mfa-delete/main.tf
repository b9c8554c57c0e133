resource "aws_s3_bucket_versioning" "records" {
  bucket = aws_s3_bucket.records.id
  mfa    = var.root_mfa

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

variable "root_mfa" {
  type      = string
  sensitive = true
}
