module "bucket" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b", "c"])
  name     = each.key
  acl      = each.key == "b" ? "public-read" : "private"
}
