# A registry module `terraform init` has not installed: `runtime` is handed
# unchanged to its aws_lambda_function.
module "resize" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "resize"
  handler       = "app.handler"
  runtime       = "python3.9"
  source_path   = "src/resize"
}
