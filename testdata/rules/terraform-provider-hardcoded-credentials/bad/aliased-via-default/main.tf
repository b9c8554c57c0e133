variable "audit_token" {
  type    = string
  default = "FwoGZXIvYXdzEBYaDAuditSessionTokenTestData"
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias      = "audit"
  region     = "us-east-1"
  access_key = "ASIA2OGYBAH6STMMNXNN"
  secret_key = "bm9wZQ/Th1sIsN0tARealKeyJustTestData+xy"
  token      = var.audit_token
}
