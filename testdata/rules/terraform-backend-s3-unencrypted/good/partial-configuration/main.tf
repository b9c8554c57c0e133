# A partial configuration: `terraform init -backend-config=...` supplies the
# bucket, the key and whatever else (encrypt, kms_key_id) the team sets there.
terraform {
  backend "s3" {
    # bucket  = "<YOUR S3 BUCKET>"
    # encrypt = true
  }
}
