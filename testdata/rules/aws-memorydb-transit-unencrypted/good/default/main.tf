resource "aws_memorydb_cluster" "sessions" {
  name      = "sessions"
  node_type = "db.t4g.small"
  acl_name  = "sessions"
}
