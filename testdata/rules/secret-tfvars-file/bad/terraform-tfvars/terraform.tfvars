region      = "us-east-1"
db_username = "app"
db_password = "Sup3rS3cret!"
