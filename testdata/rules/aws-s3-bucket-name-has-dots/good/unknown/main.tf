variable "name" {
  type = string
}

resource "aws_s3_bucket" "assets" {
  bucket = var.name
}
