# Security group modules build their rules with functions: each value here
# is known only if the function is evaluated.
variable "admin_cidrs" {
  default = ["10.0.0.0/8", "0.0.0.0/0", "10.0.0.0/8"]
}

locals {
  ports   = zipmap(["ssh", "https"], [22, 443])
  allowed = sort(distinct(concat(var.admin_cidrs, ["192.168.0.0/16"])))
  # Unknown (an apply-time value): never reported.
  stamp = formatdate("YYYY", timestamp())
}

resource "aws_security_group" "admin" {
  name = "admin"

  ingress {
    from_port   = lookup(local.ports, "ssh")
    to_port     = one([for p in values(local.ports) : p if p < 100])
    protocol    = "tcp"
    cidr_blocks = slice(local.allowed, 0, 2)
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [local.stamp]
  }
}
