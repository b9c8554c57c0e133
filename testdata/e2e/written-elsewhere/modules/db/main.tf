variable "public" {
  type = bool
}

resource "aws_db_instance" "this" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.public
}

# Written in the module itself: reported when this file is named, not when a
# caller's file is.
resource "aws_security_group" "admin" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
