db_public = true
