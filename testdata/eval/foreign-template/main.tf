# Terraform that does not parse, with no template syntax: still an error.
resource "aws_s3_bucket" "b" {
  bucket = = "x"
}
