resource "aws_kms_key" "athena" {
  description         = "Athena results"
  enable_key_rotation = true
}

resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/analysts/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}
