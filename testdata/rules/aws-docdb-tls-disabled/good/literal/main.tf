resource "aws_docdb_cluster_parameter_group" "main" {
  name   = "main"
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }

  parameter {
    name  = "tls"
    value = "enabled"
  }
}
