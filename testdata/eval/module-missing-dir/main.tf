# A local module source that names no directory (moved, renamed, or a mixin
# copied without its neighbours): Terraform cannot load it, and says so at
# `terraform init`. The call is a located notice; the rest is checked.
module "network" {
  source = "./modules/network"
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
