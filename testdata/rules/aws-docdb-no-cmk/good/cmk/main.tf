resource "aws_kms_key" "docdb" {
  description         = "DocumentDB"
  enable_key_rotation = true
}

resource "aws_docdb_cluster" "orders" {
  cluster_identifier          = "orders"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.docdb.arn
}
