# Nothing here is known before apply: no finding may come out of it.
variable "cidr" {}
variable "public" {}

data "aws_ssm_parameter" "db_password" {
  name = "/app/db/password"
}

resource "random_password" "db" {
  length = 32
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  password            = random_password.db.result
  publicly_accessible = var.public
}

resource "aws_db_instance" "other" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  password            = data.aws_ssm_parameter.db_password.value
  publicly_accessible = try(var.public, false)
}

resource "aws_security_group" "db" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr, module.network.vpc_cidr]
  }
}
