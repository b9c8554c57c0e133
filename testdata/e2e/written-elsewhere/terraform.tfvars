from_tfvars = true
environment = "dev"
