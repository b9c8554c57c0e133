variable "insights" {
  type    = bool
  default = true
}

resource "aws_rds_cluster_instance" "main" {
  identifier                   = "app-1"
  cluster_identifier           = "app"
  instance_class               = "db.r6g.large"
  engine                       = "aurora-postgresql"
  performance_insights_enabled = var.insights
}
