module "network" {
  source      = "./network"
  environment = "dev"
}
