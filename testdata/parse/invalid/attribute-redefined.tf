resource "aws_s3_bucket" "b" {
  bucket = "one"
  bucket = "two"
}
