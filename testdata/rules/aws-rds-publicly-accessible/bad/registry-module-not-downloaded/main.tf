# A registry module `terraform init` has not installed: the input is handed
# unchanged to the module's aws_db_instance, and is judged where it is written.
module "orders_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  publicly_accessible = var.public
}

variable "public" {
  type    = bool
  default = true
}
