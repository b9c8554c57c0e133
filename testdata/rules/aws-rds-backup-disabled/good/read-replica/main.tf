resource "aws_db_instance" "replica" {
  identifier              = "app-replica"
  replicate_source_db     = "app"
  instance_class          = "db.t3.micro"
  backup_retention_period = 0
}
