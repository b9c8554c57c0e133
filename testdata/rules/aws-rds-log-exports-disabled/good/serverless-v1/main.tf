resource "aws_rds_cluster" "reporting" {
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "app"
  manage_master_user_password = true
}
