resource "aws_workspaces_workspace" "analyst" {
  directory_id = aws_workspaces_directory.corp.id
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "analyst"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = false
  volume_encryption_key          = aws_kms_key.workspaces.arn
}
