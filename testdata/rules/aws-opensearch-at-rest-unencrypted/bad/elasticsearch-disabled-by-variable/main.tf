variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_elasticsearch_domain" "search" {
  domain_name           = "search"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled = var.encrypt
  }
}
