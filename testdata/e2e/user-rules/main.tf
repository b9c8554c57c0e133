resource "aws_s3_bucket" "logs" {
  bucket = "team-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "team-data"
  tags = {
    Owner = "data-platform"
  }
}
