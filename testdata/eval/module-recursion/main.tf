# A module that calls its own directory: Terraform cannot load it
# (`terraform init` recurses until the path is too long). The module's own
# blocks are checked once; the call is said to form a cycle, not followed.
module "again" {
  source = "./"
  count  = 3
}

resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
