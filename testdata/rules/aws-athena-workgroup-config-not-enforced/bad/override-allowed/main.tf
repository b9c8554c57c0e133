resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    enforce_workgroup_configuration = false

    result_configuration {
      output_location = "s3://example-athena-results/analysts/"
    }
  }
}
