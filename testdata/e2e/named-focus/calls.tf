# No value of base.tf reaches this call, but what its instance makes
# (versioning for the bucket in base.tf) is read by a rule about that bucket.
module "data_versioning" {
  source = "./modules/versioning"
  bucket = aws_s3_bucket.data.id
}
