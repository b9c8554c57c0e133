resource "aws_iam_policy" "deployer" {
  name        = "deployer"
  description = "Used by the CI pipeline"

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
POLICY
}
