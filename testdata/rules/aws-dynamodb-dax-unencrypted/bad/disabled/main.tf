resource "aws_dax_cluster" "orders" {
  cluster_name       = "orders"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.t3.small"
  replication_factor = 1

  server_side_encryption {
    enabled = false
  }
}
