resource "aws_docdb_global_cluster" "orders" {
  global_cluster_identifier = "orders-global"
  engine                    = "docdb"
  storage_encrypted         = true
}
