terraform {
  required_version = ">= 1.6"

  backend "local" {
    path = "state/terraform.tfstate"
  }
}

provider "aws" {
  region = "eu-west-1"
}
