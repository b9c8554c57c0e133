resource "aws_docdb_cluster" "orders" {
  cluster_identifier          = "orders"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_docdb_global_cluster" "orders" {
  global_cluster_identifier    = "orders-global"
  source_db_cluster_identifier = aws_docdb_cluster.orders.arn
}
