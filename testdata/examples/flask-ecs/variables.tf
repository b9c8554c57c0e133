variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "office_cidr" {
  description = "Who may reach the database"
  type        = string
  default     = "0.0.0.0/0"
}
