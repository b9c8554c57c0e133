# A conditional whose `?` and `:` start new lines inside a `for` expression in
# braces (GoogleCloudPlatform/cloud-foundation-fabric, modules/cloudsql-instance).
locals {
  users = {
    for k, v in coalesce(var.users, {}) :
    k => v.password == null
    ? "generated"
    : v.password
  }
}

variable "users" {
  type    = map(object({ password = string }))
  default = null
}
