variable "cidr" {}

# Two instances of the same child, asked for their outputs one after the other.
module "cidr" {
  source   = "../cidr"
  for_each = { first = "10.0.0.0/8", second = var.cidr }
  value    = each.value
}

module "counted" {
  source = "../cidr"
  count  = 2
  value  = count.index == 0 ? "10.0.0.0/8" : var.cidr
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [module.cidr["second"].value]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [module.counted[1].value]
  security_group_id = "sg-0123456789abcdef0"
}
