module "api" {
  source   = "../modules/db"
  for_each = toset(["x", "y"])
  name     = "api-${each.key}"
}
