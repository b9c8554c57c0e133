module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.1.0"
  public  = true
}
