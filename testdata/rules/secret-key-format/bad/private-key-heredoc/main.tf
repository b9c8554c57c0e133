resource "aws_key_pair" "deployer" {
  key_name   = "deployer"
  public_key = file("${path.module}/deployer.pub")
}

locals {
  # Kept here "temporarily" for the bootstrap script.
  bootstrap_key = <<-EOT
    -----BEGIN OPENSSH PRIVATE KEY-----
    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
    -----END OPENSSH PRIVATE KEY-----
  EOT
}
