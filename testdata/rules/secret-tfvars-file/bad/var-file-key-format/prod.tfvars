environment = "prod"
app_settings = {
  log_level = "info"
  ci_pat    = "ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"
}
