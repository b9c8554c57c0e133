resource "aws_db_parameter_group" "main" {
  name   = "main"
  family = "postgres16"

  parameter {
    name  = "log_connections"
    value = "0"
  }

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}
