tag_mutability = "MUTABLE"
