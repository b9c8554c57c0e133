resource "aws_docdb_cluster" "orders" {
  cluster_identifier          = "orders"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
}
