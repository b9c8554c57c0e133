variable "encrypted" {
  type = bool
}

resource "aws_rds_global_cluster" "encrypted" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
  storage_encrypted         = true
}

# Made from an existing cluster: it takes that cluster's encryption.
resource "aws_rds_global_cluster" "from_cluster" {
  global_cluster_identifier    = "from-cluster"
  source_db_cluster_identifier = aws_rds_cluster.primary.arn
}

resource "aws_rds_global_cluster" "unknown" {
  global_cluster_identifier = "unknown"
  engine                    = "aurora-mysql"
  storage_encrypted         = var.encrypted
}
