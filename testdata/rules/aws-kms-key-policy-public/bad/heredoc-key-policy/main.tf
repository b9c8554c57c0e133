resource "aws_kms_key" "data" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "data" {
  key_id = aws_kms_key.data.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "kms:*",
          "Resource": "*"
        }
      ]
    }
  POLICY
}
