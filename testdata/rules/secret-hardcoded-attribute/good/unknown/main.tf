variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "cache" {
  length = 32
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  username          = "app"
  password          = var.db_password
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "sessions"
  transit_encryption_enabled = true
  auth_token                 = random_password.cache.result
}
