# The module hands `transit_encryption_enabled` to its replication group.
module "sessions" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.0"

  replication_group_id       = "sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = false
}
