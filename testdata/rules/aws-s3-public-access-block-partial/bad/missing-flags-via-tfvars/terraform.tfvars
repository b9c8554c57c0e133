block_public_acls = false
