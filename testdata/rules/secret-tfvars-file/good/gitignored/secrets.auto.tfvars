db_password = "Sup3rS3cret!"
