# Two instances of the same module, each calling the same child with its own
# input: the grandchild's outputs are computed per instance (the evaluator
# remembers outputs by instance address, and two instances must not share).
module "team" {
  source   = "./modules/team"
  for_each = { ops = "10.0.0.0/8", web = "0.0.0.0/0" }
  cidr     = each.value
}

module "single" {
  source = "./modules/team"
  cidr   = "192.168.0.0/16"
}

module "counted" {
  source = "./modules/team"
  count  = 2
  cidr   = count.index == 1 ? "0.0.0.0/0" : "172.16.0.0/12"
}
