# A module written to be run on its own too keeps its backend block; called
# from here, Terraform ignores it (the root's backend, none here, applies).
module "zone" {
  source = "./modules/zone"
  name   = "landing"
}
