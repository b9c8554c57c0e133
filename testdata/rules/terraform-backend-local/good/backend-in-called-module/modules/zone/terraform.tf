terraform {
  backend "local" {
    path = "/tmp/zone/terraform.tfstate"
  }
}

variable "name" {
  type = string
}
