variable "logged_buckets" {
  type = list(string)
}

resource "aws_s3_bucket" "records" {
  bucket = "acme-records"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-trail-logs"

  dynamic "event_selector" {
    for_each = var.logged_buckets
    content {
      read_write_type = "All"

      data_resource {
        type   = "AWS::S3::Object"
        values = ["arn:aws:s3:::${event_selector.value}/"]
      }
    }
  }
}
