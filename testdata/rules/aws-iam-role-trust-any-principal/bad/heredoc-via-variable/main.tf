variable "trusted_principal" {
  type    = string
  default = "*"
}

resource "aws_iam_role" "partner" {
  name = "partner-access"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "${var.trusted_principal}",
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
