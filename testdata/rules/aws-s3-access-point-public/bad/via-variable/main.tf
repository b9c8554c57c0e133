variable "public" {
  default = true
}

resource "aws_s3_access_point" "reports" {
  bucket = "reports-111122223333"
  name   = "reports"

  public_access_block_configuration {
    block_public_policy     = !var.public
    restrict_public_buckets = !var.public
  }
}
