iam_auth = false
