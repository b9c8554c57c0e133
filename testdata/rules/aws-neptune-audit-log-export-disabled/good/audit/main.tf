resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
  enable_cloudwatch_logs_exports      = ["audit", "slowquery"]
}
