resource "aws_docdb_cluster" "orders" {
  cluster_identifier          = "orders"
  engine_version              = "5.0.0"
  master_username             = "orders"
  manage_master_user_password = true
  backup_retention_period     = 7
}
