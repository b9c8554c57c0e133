variable "retention" {
  type = number
}

# Not set: the API default (one day) applies.
resource "aws_rds_cluster" "default" {
  cluster_identifier          = "default"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster" "kept" {
  cluster_identifier          = "kept"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
}

resource "aws_rds_cluster" "unknown" {
  cluster_identifier          = "unknown"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = var.retention
}

# A cross-region replica of another cluster.
resource "aws_rds_cluster" "replica" {
  cluster_identifier            = "replica"
  engine                        = "aurora-mysql"
  replication_source_identifier = "arn:aws:rds:us-east-1:111122223333:cluster:orders"
  backup_retention_period       = 0
}
