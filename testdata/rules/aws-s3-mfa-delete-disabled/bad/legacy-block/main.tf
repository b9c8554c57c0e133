resource "aws_s3_bucket" "records" {
  bucket = "acme-records"

  versioning {
    enabled    = true
    mfa_delete = false
  }
}
