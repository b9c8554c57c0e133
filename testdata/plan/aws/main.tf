# The source of plan.json (`terraform show -json` of a plan of it, written
# by hand for AWS resources: no provider is downloaded in tests).

variable "db_password" {
  type      = string
  sensitive = true
}

variable "public" {
  type = bool
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  username            = "app"
  password            = var.db_password
  publicly_accessible = var.public
  storage_encrypted   = true
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "web"
    image = "nginx:1.27"
    environment = [
      { name = "LOG_LEVEL", value = "info" },
      { name = "DB_PASSWORD", value = var.db_password },
    ]
  }])
}

# Public or not is known only after apply: quiet.
resource "aws_db_instance" "replica" {
  identifier          = "replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.orders.identifier
  publicly_accessible = aws_db_instance.orders.publicly_accessible
  storage_encrypted   = true
}

# tflint-rs:ignore:aws-rds-publicly-accessible -- the reporting replica is public on purpose
resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = true
}

module "db" {
  source   = "./modules/db"
  for_each = toset(["a"])
  name     = each.key
}
