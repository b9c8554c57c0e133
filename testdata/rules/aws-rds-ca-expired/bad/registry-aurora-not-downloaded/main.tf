# The Aurora registry module, not installed: `cluster_ca_cert_identifier`
# is handed to its aws_rds_cluster as `ca_certificate_identifier`.
module "orders_cluster" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"

  name                       = "orders"
  engine                     = "aurora-postgresql"
  storage_encrypted          = true
  cluster_ca_cert_identifier = "rds-ca-2019"
}
