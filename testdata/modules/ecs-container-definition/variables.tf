# A container-definition module in the shape of terraform-aws-modules/ecs
# `modules/container-definition` (one container per call, returned as an
# object), shared by the fixtures that call it with `for_each` or `count`.
variable "name" {
  type = string
}

variable "image" {
  type = string
}

variable "essential" {
  type    = bool
  default = true
}

variable "environment" {
  type = list(object({
    name  = string
    value = string
  }))
  default = []
}

variable "secrets" {
  type = list(object({
    name      = string
    valueFrom = string
  }))
  default = []
}

variable "port_mappings" {
  type    = list(any)
  default = []
}

variable "readonly_root_filesystem" {
  type    = bool
  default = true
}

variable "user" {
  type    = string
  default = null
}

variable "enable_cloudwatch_logging" {
  type    = bool
  default = true
}

variable "log_configuration" {
  type    = any
  default = {}
}

variable "service" {
  type    = string
  default = ""
}
