resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/*/*"
}

resource "aws_lambda_permission" "org" {
  statement_id     = "AllowOrganization"
  action           = "lambda:InvokeFunction"
  function_name    = aws_lambda_function.api.function_name
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}

# The permission a public function URL needs: reported by aws-lambda-function-url-public.
resource "aws_lambda_permission" "url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.api.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}
