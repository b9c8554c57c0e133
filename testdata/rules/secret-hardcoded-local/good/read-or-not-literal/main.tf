variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  # Read below: reported (by secret-hardcoded-attribute) where it is used.
  master_password = "M4ster-Pa55w0rd!"

  # Not literals.
  db = {
    password = var.db_password
    token    = random_password.token.result
  }

  # Placeholders and names of secrets, not secrets.
  api_key        = "changeme"
  secret_name    = "prod/db"
  password_chars = "!@#$%"
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = local.master_password
  storage_encrypted = true
}
