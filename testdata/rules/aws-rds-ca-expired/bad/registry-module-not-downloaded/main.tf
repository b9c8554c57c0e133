# A registry module `terraform init` has not installed: `ca_cert_identifier`
# is handed unchanged to its aws_db_instance.
module "orders_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier         = "orders"
  engine             = "postgres"
  instance_class     = "db.t4g.small"
  ca_cert_identifier = "rds-ca-2019"
}
