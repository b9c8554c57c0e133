resource "aws_s3_access_point" "reports" {
  bucket = "reports-111122223333"
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
}
