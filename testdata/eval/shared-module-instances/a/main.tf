# Two root modules (two directory tasks), each with two instances of one
# module: one finding at the module's line names all four.
module "web" {
  source = "../modules/db"
  count  = 2
  name   = "web-${count.index}"
}
