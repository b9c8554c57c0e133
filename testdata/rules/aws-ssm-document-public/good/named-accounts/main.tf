resource "aws_ssm_document" "bootstrap" {
  name          = "bootstrap"
  document_type = "Command"
  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })
  permissions = {
    type        = "Share"
    account_ids = "444455556666,777788889999"
  }
}
