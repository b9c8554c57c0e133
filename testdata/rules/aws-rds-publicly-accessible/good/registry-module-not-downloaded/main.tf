# Not installed, and nothing written that makes the database public: the
# module's own defaults are not guessed.
module "reports_db" {
  source = "registry.terraform.io/terraform-aws-modules/rds/aws"

  identifier     = "reports"
  engine         = "postgres"
  instance_class = "db.t4g.small"
}

# The database is not made at all.
module "legacy_db" {
  source = "terraform-aws-modules/rds/aws"

  create_db_instance  = false
  identifier          = "legacy"
  publicly_accessible = true
}

# Another module of the same name elsewhere is not the registry one.
module "other_db" {
  source = "git::https://example.com/acme/terraform-aws-rds.git"

  publicly_accessible = true
}
