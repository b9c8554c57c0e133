variable "allowed_actions" {
  type    = string
  default = "*"
}

resource "aws_iam_role_policy" "lambda" {
  name = "lambda"
  role = aws_iam_role.lambda.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "${var.allowed_actions}", "Resource": "*" }
      ]
    }
  EOT
}
