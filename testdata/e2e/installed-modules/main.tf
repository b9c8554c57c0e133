# Modules from the registry and from git, as `terraform init` installed them
# (`.terraform/modules/modules.json`): evaluated with the inputs given here.
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.1.0"

  identifier          = "orders"
  publicly_accessible = true
  password            = "Orders-Adm1n-2024x"
}

module "logs" {
  source = "git::https://github.com/acme/terraform-modules.git//s3-bucket?ref=v1.2.0"
  bucket = "acme-logs"
}

# Not installed: said once (not once per instance), not checked.
module "cdn" {
  source   = "cloudposse/cloudfront-s3-cdn/aws"
  version  = "0.92.0"
  for_each = toset(["web", "docs"])
  name     = each.key
}

# Installed out of the scanned tree: not read.
module "shared" {
  source = "app.terraform.io/acme/shared/aws"
}
