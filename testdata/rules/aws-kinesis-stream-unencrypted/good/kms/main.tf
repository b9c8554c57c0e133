resource "aws_kinesis_stream" "events" {
  name             = "events"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = aws_kms_key.events.arn

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
