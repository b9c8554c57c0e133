# ignore_changes covers another attribute: the password is still written by Terraform.
resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = "Hum4nG0v-2024-db"

  lifecycle {
    ignore_changes = [tags]
  }
}
