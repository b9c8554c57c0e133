resource "aws_s3_bucket" "assets" {
  bucket = "assets-example-com"
}
