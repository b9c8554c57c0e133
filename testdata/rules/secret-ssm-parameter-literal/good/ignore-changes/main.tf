# The literal is a seed: Terraform never writes `value` again, the real
# secret is set out of band.
resource "aws_ssm_parameter" "db_password" {
  name  = "/app/prod/db_password"
  type  = "SecureString"
  value = "initial-seed-Xk29fj"

  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "api_token" {
  name  = "/app/prod/api_token"
  type  = "SecureString"
  value = "seed-Qp81nz"

  lifecycle {
    ignore_changes = all
  }
}
