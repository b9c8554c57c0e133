# A secondary member of a global replication group takes the primary's
# settings; and a call that does not write the setting is not judged.
module "sessions_eu" {
  source = "terraform-aws-modules/elasticache/aws"

  create_secondary_global_replication_group = true
  global_replication_group_id               = "sessions-global"
  transit_encryption_enabled                = false
}

module "cache" {
  source = "terraform-aws-modules/elasticache/aws"

  replication_group_id = "cache"
  engine               = "valkey"
}
