# Inside a VPC, security groups decide who reaches the domain; with
# fine-grained access control every request is authenticated. AWS recommends
# an open access policy for both.
variable "domain_name" {
  type = string
}

locals {
  open = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_opensearch_domain" "vpc" {
  domain_name     = "vpc"
  access_policies = local.open
  vpc_options {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.search.id]
  }
}

resource "aws_opensearch_domain" "fgac" {
  domain_name = "fgac"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}

resource "aws_opensearch_domain_policy" "fgac" {
  domain_name     = aws_opensearch_domain.fgac.domain_name
  access_policies = local.open
}

# Its domain is not in this module: who can reach it cannot be told.
resource "aws_opensearch_domain_policy" "elsewhere" {
  domain_name     = var.domain_name
  access_policies = local.open
}
