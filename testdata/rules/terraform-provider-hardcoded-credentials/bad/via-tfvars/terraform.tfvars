aws_access_key = "AKIA2OGYBAH6STMMNXNN"
aws_secret_key = "bm9wZQ/Th1sIsN0tARealKeyJustTestData+xy"
