# A secondary member of a global datastore inherits encryption at rest from
# the global group: the attribute is left null on purpose.
variable "secondary" {
  default = true
}

variable "global_id" {
  default = "ldgnf-sessions"
}

resource "aws_elasticache_replication_group" "secondary" {
  replication_group_id        = "sessions-eu"
  description                 = "Flask sessions, secondary region"
  global_replication_group_id = var.secondary ? var.global_id : null
  at_rest_encryption_enabled  = var.secondary ? null : true
  num_cache_clusters          = 2
}
