variable "skip_final_snapshot" {
  type    = bool
  default = true
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "app"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  skip_final_snapshot         = var.skip_final_snapshot
}
