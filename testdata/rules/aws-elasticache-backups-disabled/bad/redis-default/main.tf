resource "aws_elasticache_cluster" "sessions" {
  cluster_id           = "sessions"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 1
  parameter_group_name = "default.redis7"
}
