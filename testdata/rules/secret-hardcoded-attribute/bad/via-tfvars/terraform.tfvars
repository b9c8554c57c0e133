db_password = "pr0d-db-pa55"
