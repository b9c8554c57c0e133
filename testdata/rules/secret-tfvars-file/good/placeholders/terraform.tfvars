# Real values come from TF_VAR_db_password in CI.
region             = "us-east-1"
db_username        = "app"
db_password        = ""
db_secret_arn      = "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db"
api_token          = "<set in CI>"
token_ttl_seconds  = 3600
