resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    rule_no         = 110
    protocol        = "6"
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 3000
    to_port         = 3400
  }
}
