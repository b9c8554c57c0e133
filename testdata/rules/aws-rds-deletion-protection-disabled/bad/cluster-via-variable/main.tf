variable "protect" {
  type    = bool
  default = false
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "app"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = var.protect
}
