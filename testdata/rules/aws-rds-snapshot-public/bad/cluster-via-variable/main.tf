variable "share_with" {
  type    = list(string)
  default = ["444455556666", "all"]
}

resource "aws_db_cluster_snapshot" "nightly" {
  db_cluster_identifier          = "orders"
  db_cluster_snapshot_identifier = "orders-nightly"
  shared_accounts                = var.share_with
}
