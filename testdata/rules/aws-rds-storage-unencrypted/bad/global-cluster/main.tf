# A global database created without storage encryption: every cluster
# added to it, in every region, is unencrypted.
resource "aws_rds_global_cluster" "orders" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
  engine_version            = "15.4"
}

resource "aws_rds_global_cluster" "explicit" {
  global_cluster_identifier = "explicit"
  engine                    = "aurora-mysql"
  storage_encrypted         = false
}
