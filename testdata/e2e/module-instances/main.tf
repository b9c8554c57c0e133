# One database module, called four ways: the finding inside the module is
# reported once, naming every instance that makes it and where each
# caller writes the value.
module "a" {
  source = "./modules/db"
  public = true
}

module "b" {
  source = "./modules/db"
  public = local.public
}

module "private" {
  source = "./modules/db"
  public = false
}

module "each" {
  source   = "./modules/db"
  for_each = { reports = true, billing = false }
  public   = each.value
}

locals {
  public = true
}
