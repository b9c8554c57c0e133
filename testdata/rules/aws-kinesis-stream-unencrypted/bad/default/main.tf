resource "aws_kinesis_stream" "events" {
  name             = "events"
  retention_period = 48

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
