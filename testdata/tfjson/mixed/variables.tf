# HCL half of a module that mixes .tf and .tf.json files.

variable "public" {
  default = true
}

locals {
  # Used by main.tf.json.
  world = "0.0.0.0/0"
}

# Declared in main.tf.json; used here.
resource "aws_security_group" "db" {
  name = "db"

  ingress {
    from_port   = var.db_port
    to_port     = var.db_port
    protocol    = "tcp"
    cidr_blocks = [local.json_cidr]
  }
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}
