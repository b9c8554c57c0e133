resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "PostgreSQL for the orders service"
}
