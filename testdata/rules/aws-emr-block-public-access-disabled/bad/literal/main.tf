resource "aws_emr_block_public_access_configuration" "main" {
  block_public_security_group_rules = false
}
