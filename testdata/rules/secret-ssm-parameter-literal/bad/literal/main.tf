resource "aws_ssm_parameter" "flask_secret" {
  name  = "/humangov/prod/FLASK_SECRET_KEY"
  type  = "SecureString"
  value = "s3cr3t-humangov-key-2024"
}
