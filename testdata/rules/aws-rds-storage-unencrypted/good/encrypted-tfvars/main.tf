# terraform.tfvars is encrypted with git-crypt: it may set `storage_encrypted`,
# so the default here is not what is deployed.
variable "storage_encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "main" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = var.storage_encrypted
}
