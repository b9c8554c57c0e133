# A layer, not a function, is made.
module "deps" {
  source = "terraform-aws-modules/lambda/aws"

  create_layer        = true
  layer_name          = "deps"
  compatible_runtimes = ["python3.9"]
  runtime             = "python3.9"
  source_path         = "src/deps"
}

# A supported runtime.
module "resize" {
  source = "terraform-aws-modules/lambda/aws"

  function_name = "resize"
  handler       = "app.handler"
  runtime       = "python3.13"
  source_path   = "src/resize"
}
