# Nothing reads these locals: the secrets are committed all the same.
locals {
  region = "eu-west-1"

  admin_password = "Adm1n-Pa55w0rd!"

  legacy_db = {
    host     = "db.internal"
    password = "Old-Pa55w0rd!"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-${local.region}"
}
