resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/analysts/"
    }
  }
}
