# A registry module called with `count`, which calls a registry module of its
# own: `modules.json` keys the nested call `replicas.sg` for every instance.
module "replicas" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.1.0"
  count   = 2

  identifier = "replica-${count.index}"
  password   = var.replica_password
}

variable "replica_password" {
  type      = string
  sensitive = true
}
