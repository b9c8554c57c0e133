resource "aws_s3_access_point" "reports" {
  bucket = "reports-111122223333"
  name   = "reports"

  vpc_configuration {
    vpc_id = "vpc-0a1b2c3d4e5f60718"
  }

  public_access_block_configuration {
    block_public_policy     = false
    restrict_public_buckets = false
  }
}
