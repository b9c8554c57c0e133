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

# The terraform-aws-modules/ecs pattern from the registry: one container per
# instance, gathered into the task definition. (This fixture's modules.json
# names the copy shared by the other fixtures, in testdata/modules.)
module "container" {
  source   = "terraform-aws-modules/ecs/aws//modules/container-definition"
  version  = "5.11.0"
  for_each = { api = "Hunter2-Api-Key-99", admin = "" }

  service     = "orders"
  name        = each.key
  image       = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/${each.key}:2.0.1"
  environment = each.value == "" ? [] : [{ name = "API_KEY", value = each.value }]
  user        = "1000"
}

resource "aws_ecs_task_definition" "orders" {
  family                = "orders"
  container_definitions = jsonencode([for c in module.container : c.container_definition])
}
