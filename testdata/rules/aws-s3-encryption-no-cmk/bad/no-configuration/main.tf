resource "aws_s3_bucket" "documents" {
  bucket = "acme-documents"
}
