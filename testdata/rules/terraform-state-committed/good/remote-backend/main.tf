terraform {
  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "app/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
