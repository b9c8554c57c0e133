variable "require_tls" {
  default = "OFF"
}

resource "aws_rds_cluster_parameter_group" "main" {
  name   = "main"
  family = "aurora-mysql8.0"

  parameter {
    name  = "server_audit_logging"
    value = "1"
  }

  parameter {
    name  = "require_secure_transport"
    value = var.require_tls
  }
}
