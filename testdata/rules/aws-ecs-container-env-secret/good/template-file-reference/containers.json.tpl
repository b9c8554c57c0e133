[
  {
    "name": "app",
    "image": "registry.example.com/app:1.4.2",
    "environment": [
      { "name": "DB_HOST", "value": "${db_host}" },
      { "name": "DATABASE_URL", "value": "postgres://app@${db_host}:5432/app" }
    ],
    "secrets": [
      { "name": "DB_PASSWORD", "valueFrom": "${db_password_arn}" }
    ]
  }
]
