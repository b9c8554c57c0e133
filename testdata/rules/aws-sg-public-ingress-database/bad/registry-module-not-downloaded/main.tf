# Rules written as maps: the module splits `cidr_blocks` on commas.
module "db_sg" {
  source = "terraform-aws-modules/security-group/aws"

  name   = "db"
  vpc_id = "vpc-0123456789abcdef0"
  ingress_with_cidr_blocks = [
    {
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      description = "PostgreSQL from the VPC and, by mistake, the internet"
      cidr_blocks = "10.0.0.0/16,0.0.0.0/0"
    },
    {
      rule        = "mysql-tcp"
      cidr_blocks = "10.0.0.0/16"
    },
  ]
}
