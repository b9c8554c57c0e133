resource "aws_vpc" "main" {
  count      = 2
  cidr_block = cidrsubnet("10.0.0.0/8", 8, count.index)
}

resource "aws_flow_log" "main" {
  count                = 2
  vpc_id               = aws_vpc.main[count.index].id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow.arn
}
