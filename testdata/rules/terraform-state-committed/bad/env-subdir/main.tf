resource "aws_db_instance" "main" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  storage_encrypted           = true
  username                    = "app"
  manage_master_user_password = true
}
