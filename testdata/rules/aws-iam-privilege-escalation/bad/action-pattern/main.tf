# `iam:Put*` covers PutRolePolicy, PutUserPolicy and PutGroupPolicy.
resource "aws_iam_user_policy" "ops" {
  name = "ops"
  user = "ops"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "iam:Put*", "Resource": "*" }
      ]
    }
  JSON
}
