variable "iam_auth" {
  type    = bool
  default = true
}

resource "aws_rds_cluster" "main" {
  cluster_identifier                  = "app"
  engine                              = "aurora-mysql"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = var.iam_auth
}
