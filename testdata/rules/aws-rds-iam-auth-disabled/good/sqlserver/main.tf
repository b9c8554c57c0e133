resource "aws_db_instance" "reports" {
  identifier                  = "reports"
  engine                      = "sqlserver-se"
  license_model               = "license-included"
  instance_class              = "db.m5.large"
  allocated_storage           = 100
  username                    = "admin"
  manage_master_user_password = true
  storage_encrypted           = true
}
