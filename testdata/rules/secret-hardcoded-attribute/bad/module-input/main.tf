variable "env" {
  type    = string
  default = "prod"
}

module "db" {
  source   = "terraform-aws-modules/rds/aws"
  version  = "6.10.0"
  engine   = "postgres"
  username = "app"
  password = "${var.env}-Adm1n-2024"
}
