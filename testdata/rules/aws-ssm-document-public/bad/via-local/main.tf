locals {
  share = { type = "Share", account_ids = "all" }
}

resource "aws_ssm_document" "bootstrap" {
  name          = "bootstrap"
  document_type = "Command"
  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })
  permissions   = local.share
}
