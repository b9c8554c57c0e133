resource "aws_elasticache_user" "app" {
  user_id       = "app"
  user_name     = "app"
  access_string = "on ~app:* +@all"
  engine        = "REDIS"
  passwords     = ["r3dis-App-Passw0rd-2024"]
}
