# A restored cluster keeps the encryption of its snapshot.
resource "aws_docdb_cluster" "orders" {
  cluster_identifier  = "orders-restored"
  snapshot_identifier = "orders-2024-06-01"
}
