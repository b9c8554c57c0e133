variable "db_host" {
  type    = string
  default = "db.internal"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "flask-Pa55word"
}
