# No `.tofu` twin: loaded by both tools.
variable "public" {
  type    = bool
  default = true
}
