module "network" {
  source = "./network"
  cidr   = "10.20.0.0/16"
}
