resource "aws_athena_workgroup" "adhoc" {
  name = "adhoc"
}
