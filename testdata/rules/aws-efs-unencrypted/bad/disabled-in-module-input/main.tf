variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = var.encrypted
}
