resource "aws_rds_cluster" "main" {
  cluster_identifier          = "app"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.rds.arn
}

resource "aws_kms_key" "rds" {
  description         = "RDS storage"
  enable_key_rotation = true
}
