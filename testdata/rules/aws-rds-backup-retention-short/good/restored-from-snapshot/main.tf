resource "aws_db_instance" "restored" {
  identifier          = "app-restored"
  instance_class      = "db.t3.micro"
  snapshot_identifier = "app-2024-06-01"
}
