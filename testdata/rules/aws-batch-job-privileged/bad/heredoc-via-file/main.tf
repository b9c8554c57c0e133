resource "aws_batch_job_definition" "etl" {
  name                 = "etl"
  type                 = "container"
  container_properties = file("${path.module}/etl.json")
}
