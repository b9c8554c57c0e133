# The literal password is reported once, where it is written (the module
# input), not again inside the module where it becomes the database password.
module "db" {
  source   = "./modules/db"
  password = "Xk9#mP2vLq8!zR4w"
}
