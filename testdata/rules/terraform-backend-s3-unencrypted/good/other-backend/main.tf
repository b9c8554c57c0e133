# Not an S3 backend: nothing for this rule to check.
terraform {
  backend "gcs" {
    bucket = "example-terraform-state"
    prefix = "prod"
  }
}
