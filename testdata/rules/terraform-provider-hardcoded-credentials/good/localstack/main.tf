# Tests against LocalStack: the keys are the emulator's, not an account's.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAZZZZZZZZZZZZZZZZ"
  secret_key                  = "localstacksecretkeyvalue0123456789abcdef"
  skip_credentials_validation = true
  skip_requesting_account_id  = true

  endpoints {
    s3 = "http://localhost:4566"
  }
}

provider "aws" {
  alias      = "docs"
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}
