variable "ca" {
  default = "rds-ca-2019"
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier        = "orders"
  engine                    = "aurora-postgresql"
  ca_certificate_identifier = var.ca
}
