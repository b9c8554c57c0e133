locals {
  environment = "staging"
  backup_days = local.environment == "prod" ? 30 : 3
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "app-${local.environment}"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = local.backup_days
}
