resource "aws_iam_policy" "etl" {
  name = "etl"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:Put*"], Resource = "*" }]
  })
}
