locals {
  database_username = "administrator"
  database_password = "foobarbaz"
}

resource "aws_rds_cluster" "main" {
  cluster_identifier = "app"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
  master_username    = local.database_username
  master_password    = local.database_password
}
