# A registry module, installed by `terraform init`: evaluated with these inputs.
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.1.0"

  identifier          = "orders"
  publicly_accessible = false
}
