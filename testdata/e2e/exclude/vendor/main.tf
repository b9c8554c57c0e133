resource "aws_ecr_repository" "vendored" {
  name = "vendored"
}
