variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = var.encrypt
}
