# Named alone, this file's values reach db.tf through derived.tf.
locals {
  base_public = true
  db_settings = { port = 5432 }
}

resource "aws_s3_bucket" "logs" {
  bucket = "named-focus-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "named-focus-data"
}
