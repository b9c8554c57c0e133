backup_days = 0
