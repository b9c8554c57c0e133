terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region     = "eu-west-2"
  access_key = "AKIA2OGYBAH6STMMNXNN"
  secret_key = "bm9wZQ/Th1sIsN0tARealKeyJustTestData+xy"
}
