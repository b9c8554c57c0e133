resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.queue.arn
}
