locals {
  encrypt = true
}

resource "aws_db_instance" "orders" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = local.encrypt
}

resource "aws_rds_cluster" "named_alias" {
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:us-east-1:111122223333:alias/aws/rds"
}
