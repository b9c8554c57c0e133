variable "authorization" {
  type = string
}

resource "aws_api_gateway_method" "list" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "f6g7h8"
  http_method   = "GET"
  authorization = var.authorization
}
