resource "aws_ssoadmin_permission_set_inline_policy" "data" {
  instance_arn       = aws_ssoadmin_permission_set.data.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data.arn
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::analytics-*" }]
  })
}
