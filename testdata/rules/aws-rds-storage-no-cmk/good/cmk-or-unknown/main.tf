variable "kms_key_arn" {
  type = string
}

variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "cmk" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.rds.arn
}

resource "aws_rds_cluster" "unknown_key" {
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = var.kms_key_arn
}

# Unknown or unencrypted storage: aws-rds-storage-unencrypted's business.
resource "aws_rds_cluster" "unknown_encryption" {
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = var.encrypted
}

resource "aws_db_instance" "unencrypted" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
}

# A replica takes its source's key.
resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.cmk.identifier
  storage_encrypted   = true
}
