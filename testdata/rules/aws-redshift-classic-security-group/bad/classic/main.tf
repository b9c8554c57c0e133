resource "aws_redshift_security_group" "warehouse" {
  name = "warehouse"

  ingress {
    cidr = "10.0.0.0/8"
  }
}
