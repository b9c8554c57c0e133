resource "aws_kms_key" "queue" {
  description         = "orders queue"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.queue.arn
}
