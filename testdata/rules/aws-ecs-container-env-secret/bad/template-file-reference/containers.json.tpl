[
  {
    "name": "app",
    "image": "registry.example.com/app:1.4.2",
    "environment": [
      { "name": "DB_PASSWORD", "value": "${db_password}" },
      { "name": "DATABASE_URL", "value": "postgres://app:${db_password}@db.internal:5432/app" },
      { "name": "ADMIN_PASSWORD", "value": ${jsonencode(db_password)} }
    ]
  }
]
