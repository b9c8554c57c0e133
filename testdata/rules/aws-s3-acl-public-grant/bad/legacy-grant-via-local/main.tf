locals {
  any_aws_account = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"

  grant {
    type        = "Group"
    uri         = local.any_aws_account
    permissions = ["READ", "WRITE"]
  }
}
