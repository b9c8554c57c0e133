# Seed values Terraform never writes again: the real secret is set out of band.
resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = jsonencode({ api_key = "seed-Zr71qa" })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = "seed-Vb33kd"

  lifecycle {
    ignore_changes = [password, tags["owner"]]
  }
}
