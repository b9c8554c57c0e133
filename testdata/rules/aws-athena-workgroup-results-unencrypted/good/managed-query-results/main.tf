resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    managed_query_results_configuration {
      enabled = true
    }
  }
}
