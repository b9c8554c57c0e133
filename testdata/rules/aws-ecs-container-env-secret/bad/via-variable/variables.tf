variable "api_token" {
  type      = string
  sensitive = true
  default   = "tok_9f8e7d6c5b4a3210"
}
