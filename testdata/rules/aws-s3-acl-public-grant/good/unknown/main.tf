variable "grantee_uri" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"

  grant {
    type        = "Group"
    uri         = var.grantee_uri
    permissions = ["READ"]
  }
}
