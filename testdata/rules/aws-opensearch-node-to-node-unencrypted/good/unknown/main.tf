variable "n2n" {
  type = bool
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "app-logs"

  node_to_node_encryption {
    enabled = var.n2n
  }
}
