# A module called for two instances declares its local once: one finding.
module "worker" {
  source   = "./modules/worker"
  for_each = toset(["a", "b"])
  name     = each.key
}
