datadog = {
  site    = "datadoghq.eu"
  api_key = "3f2c9a7e1b8d4c6f0a5e9d2b7c1f8a4e"
}
