variable "log_exports" {
  type = list(string)
}

resource "aws_docdb_cluster" "orders" {
  cluster_identifier              = "orders"
  master_username                 = "orders"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = var.log_exports
}
