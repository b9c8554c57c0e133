variable "backup_days" {
  type = number
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "app"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = var.backup_days
}
