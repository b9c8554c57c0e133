resource "aws_athena_database" "events" {
  name   = "events"
  bucket = "example-athena-results"
}
