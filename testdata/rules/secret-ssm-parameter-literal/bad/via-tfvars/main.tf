variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "token" {
  name  = "/payments/stripe/api-token"
  type  = "String"
  value = var.api_token
}
