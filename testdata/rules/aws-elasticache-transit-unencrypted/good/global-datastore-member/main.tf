# A secondary of a global datastore inherits encryption in transit from it;
# the module leaves the setting null there.
variable "secondary" {
  default = true
}

resource "aws_elasticache_replication_group" "secondary" {
  replication_group_id        = "app-secondary"
  description                 = "secondary"
  global_replication_group_id = "ldgnf-app-global"
  transit_encryption_enabled  = var.secondary ? null : true
}
