resource "aws_elasticache_cluster" "sessions" {
  cluster_id               = "sessions"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  num_cache_nodes          = 1
  snapshot_retention_limit = 7
  snapshot_window          = "03:00-05:00"
}
