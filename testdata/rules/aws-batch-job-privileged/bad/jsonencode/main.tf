resource "aws_batch_job_definition" "etl" {
  name = "etl"
  type = "container"
  container_properties = jsonencode({
    image      = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/etl:1.4.2"
    privileged = true
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
  })
}
