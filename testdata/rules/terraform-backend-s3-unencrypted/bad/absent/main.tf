terraform {
  required_version = ">= 1.5"

  backend "s3" {
    bucket         = "example-terraform-state"
    key            = "prod/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "terraform-locks"
  }
}
