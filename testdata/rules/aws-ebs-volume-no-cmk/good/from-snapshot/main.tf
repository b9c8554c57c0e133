resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0b5e6c7d8e9f01234"
}
