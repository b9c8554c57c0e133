variable "log_exports" {
  type    = list(string)
  default = []
}

resource "aws_rds_cluster" "main" {
  cluster_identifier              = "app"
  engine                          = "aurora-postgresql"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = var.log_exports
}
