# A read replica takes its source's encryption; a call that does not write
# the setting is not judged (the module's default has changed over time).
module "ledger_replica" {
  source = "terraform-aws-modules/rds/aws"

  identifier          = "ledger-replica"
  replicate_source_db = "arn:aws:rds:eu-west-1:123456789012:db:ledger"
  storage_encrypted   = false
}

module "reports_db" {
  source = "terraform-aws-modules/rds/aws"

  identifier = "reports"
  engine     = "postgres"
}
