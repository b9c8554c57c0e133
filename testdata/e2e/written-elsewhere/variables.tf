variable "publicly_accessible" {
  type    = bool
  default = true
}

variable "from_tfvars" {
  type    = bool
  default = false
}

variable "from_auto_tfvars" {
  type    = bool
  default = false
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "public_text" {
  type    = string
  default = "TRUE"
}
