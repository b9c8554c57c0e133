resource "aws_db_snapshot" "before_upgrade" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-before-upgrade"
  shared_accounts        = ["all"]
}
