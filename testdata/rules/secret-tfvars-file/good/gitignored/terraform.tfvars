region      = "us-east-1"
db_username = "app"
