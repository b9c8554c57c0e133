# The API beside it is private, but this method belongs to the public (edge) one.
resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api" "public" {
  name = "public"
}

resource "aws_api_gateway_method" "list" {
  rest_api_id   = aws_api_gateway_rest_api.public.id
  resource_id   = aws_api_gateway_rest_api.public.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
