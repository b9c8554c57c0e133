variable "file_share_clients" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}
