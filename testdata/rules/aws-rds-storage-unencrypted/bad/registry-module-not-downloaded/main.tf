module "ledger_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier        = "ledger"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  storage_encrypted = false
}

module "ledger_cluster" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"

  name              = "ledger"
  engine            = "aurora-postgresql"
  storage_encrypted = false
}
