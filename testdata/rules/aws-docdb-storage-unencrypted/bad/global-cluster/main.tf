resource "aws_docdb_global_cluster" "orders" {
  global_cluster_identifier = "orders-global"
  engine                    = "docdb"
  engine_version            = "5.0.0"
}
