# The provider rule reports this line; the key-format rule stays out of its way.
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAZ7Q4MRT2WX5NB3KD"
}
