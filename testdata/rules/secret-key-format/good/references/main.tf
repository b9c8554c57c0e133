variable "deploy_key_id" {
  description = "Access key id, passed in by CI (e.g. AKIA... never committed)"
  type        = string
  sensitive   = true
}

resource "aws_ssm_parameter" "token" {
  name  = "/ci/runner-token"
  type  = "SecureString"
  value = var.deploy_key_id
}
