data "aws_iam_policy" "s3" {
  name = "AmazonS3FullAccess"
}

resource "aws_ssoadmin_managed_policy_attachment" "data" {
  instance_arn       = aws_ssoadmin_permission_set.data.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data.arn
  managed_policy_arn = data.aws_iam_policy.s3.arn
}
