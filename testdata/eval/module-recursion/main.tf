# A module that calls its own directory: Terraform cannot load it
# (`terraform init` recurses until the path is too long). The module's own
# blocks are checked once; the call is said to form a cycle, not followed.
module "again" {
  source = "./"
  count  = 3
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
