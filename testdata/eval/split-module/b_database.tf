resource "aws_db_instance" "reports" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = local.public # tflint-rs:ignore:aws-rds-publicly-accessible -- reporting replica
}
