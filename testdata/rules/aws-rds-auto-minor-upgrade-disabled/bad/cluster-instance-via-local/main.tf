locals {
  pinned_engine = true
}

resource "aws_rds_cluster_instance" "main" {
  count                      = 2
  identifier                 = "app-${count.index}"
  cluster_identifier         = "app"
  instance_class             = "db.r6g.large"
  engine                     = "aurora-postgresql"
  auto_minor_version_upgrade = !local.pinned_engine
}
