resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "Flask sessions"
  engine               = "valkey"
  engine_version       = "7.1"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
  transit_encryption_enabled = true
}
