deletion_protection = false
