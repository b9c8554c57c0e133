# `count`: module.NAME is a list of the instances' outputs.
module "counted" {
  source = "./rule"
  count  = 2
  cidr   = ["10.0.0.0/8", "0.0.0.0/0"][count.index]
}

resource "aws_security_group" "ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = module.counted[*].cidr
  }
}

# `for_each`: a map of them by key.
module "by_env" {
  source   = "./rule"
  for_each = { dev = "0.0.0.0/0", prod = "10.0.0.0/8" }
  cidr     = each.value
}

resource "aws_security_group" "rdp" {
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = [module.by_env["dev"].cidr]
  }
}

# Only the private instance: quiet.
resource "aws_security_group" "postgres" {
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [for k, m in module.by_env : m.cidr if k == "prod"]
  }
}

# Instances not known until apply: so are their outputs (quiet).
variable "environments" {
  type = map(string)
}

module "unknown" {
  source   = "./rule"
  for_each = var.environments
  cidr     = "0.0.0.0/0"
}

resource "aws_security_group" "mysql" {
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = values(module.unknown)[*].cidr
  }
}

# `count = 0`: no instance, an empty list.
module "none" {
  source = "./rule"
  count  = 0
  cidr   = "0.0.0.0/0"
}

resource "aws_security_group" "redis" {
  ingress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = module.none[*].cidr
  }
}
