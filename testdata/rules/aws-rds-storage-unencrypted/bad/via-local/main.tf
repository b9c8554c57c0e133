locals {
  environment = "staging"
  encrypted   = local.environment == "prod"
}

resource "aws_db_instance" "main" {
  identifier                  = "app-${local.environment}"
  engine                      = "mysql"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = local.encrypted
}
