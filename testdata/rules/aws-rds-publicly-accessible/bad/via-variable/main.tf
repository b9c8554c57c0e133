variable "public" {
  type    = bool
  default = false
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = var.public
}
