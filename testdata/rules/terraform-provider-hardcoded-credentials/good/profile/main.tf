provider "aws" {
  region  = "eu-west-2"
  profile = "deploy"
}

provider "aws" {
  alias  = "dns"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/dns-admin"
  }
}
