# Each database is public through a value written in another file (or, for
# module.db, in this one): a commit that changes only that file must still
# report it.
module "db" {
  source = "./modules/db"
  public = true
}

module "cache" {
  source = "./modules/db"
  public = local.cache_public
}

resource "aws_db_instance" "default" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.publicly_accessible
}

resource "aws_db_instance" "tfvars" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.from_tfvars
}

resource "aws_db_instance" "auto_tfvars" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.from_auto_tfvars
}

resource "aws_db_instance" "computed" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.environment == "prod" ? false : true
}

resource "aws_db_instance" "converted" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = tobool(lower(var.public_text))
}
