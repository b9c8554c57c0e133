resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Managed by Terraform"
}
