# A map of objects whose type fills in optional attributes (Terraform does it
# before the module reads them), and a module variable that is not nullable:
# `orders` leaves both out, `billing` sets them.
variable "databases" {
  type = map(object({
    public    = optional(bool, true)
    encrypted = optional(bool)
  }))
  default = {
    orders  = {}
    billing = { public = false, encrypted = true }
  }
}

module "db" {
  source    = "./modules/db"
  for_each  = var.databases
  name      = each.key
  public    = each.value.public
  encrypted = each.value.encrypted
}
