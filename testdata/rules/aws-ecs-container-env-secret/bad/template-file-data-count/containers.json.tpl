[
  {
    "name": "app",
    "image": "${image}",
    "environment": [
      { "name": "DB_PASSWORD", "value": "${db_password}" }
    ]
  }
]
