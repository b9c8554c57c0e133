variable "identifier" {
  type = string
}

variable "password" {
  type      = string
  sensitive = true
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

# The module's own default: open to everyone unless the caller says otherwise.
variable "allowed_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 7
  publicly_accessible     = var.publicly_accessible
  password                = var.password
}

module "sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "5.1.0"

  name                = "${var.identifier}-db"
  ingress_cidr_blocks = var.allowed_cidr_blocks
}

output "db_instance_address" {
  value = aws_db_instance.this.address
}
