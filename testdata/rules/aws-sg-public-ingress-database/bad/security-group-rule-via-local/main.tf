locals {
  anywhere = ["0.0.0.0/0"]
  redis    = 6379
}

resource "aws_security_group_rule" "redis" {
  type              = "ingress"
  security_group_id = aws_security_group.cache.id
  from_port         = local.redis
  to_port           = local.redis
  protocol          = "tcp"
  cidr_blocks       = local.anywhere
}
